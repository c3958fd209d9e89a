using Decisioning.History;

namespace Decisioning.Recording;

/// <summary>
/// The waits between attempts on a store that is unavailable for now: 50 ms, doubling to 2 s, so
/// that a store back is used again within 2 s without a failing store being called more than
/// twice a second. The writer's queue and the command line's reads wait alike.
/// </summary>
internal static class StoreBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The store's own reading of <paramref name="failure"/> (<see cref="IInteractionHistory.IsUnavailable"/>);
    /// a store whose reading itself fails is taken as refusing, so the failure goes on as it is.
    /// </summary>
    public static bool IsUnavailable(IInteractionHistory store, Exception failure)
    {
        try
        {
            return store.IsUnavailable(failure);
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>The wait after <paramref name="delay"/>.</summary>
    public static TimeSpan Next(TimeSpan delay) => delay * 2 < Longest ? delay * 2 : Longest;

    /// <summary>
    /// Waits <paramref name="delay"/>, rounded up to whole milliseconds (a wait handle takes whole
    /// milliseconds, and would return at once for what is left of the last one); false when
    /// <paramref name="cancel"/> fires first.
    /// </summary>
    public static bool Wait(TimeSpan delay, CancellationToken cancel)
    {
        var milliseconds = (int)Math.Min(int.MaxValue, Math.Ceiling(delay.TotalMilliseconds));
        return milliseconds <= 0 ? !cancel.IsCancellationRequested : !cancel.WaitHandle.WaitOne(milliseconds);
    }

    /// <summary>
    /// <paramref name="history"/>'s records of one customer, read again while the store is
    /// unavailable (<see cref="IInteractionHistory.IsUnavailable"/>) for up to
    /// <paramref name="retryFor"/> (<see cref="Timeout.InfiniteTimeSpan"/>: until it is back); the
    /// last failure is thrown when that time is up, and any other failure at once.
    /// </summary>
    /// <param name="history">The store.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="from">The first instant read.</param>
    /// <param name="to">The last instant read.</param>
    /// <param name="retryFor">How long to read again.</param>
    /// <param name="waiting">Told of each failure after which the read waits to try again.</param>
    public static CustomerHistory Read(IInteractionHistory history, string customerId, DateTime from, DateTime to, TimeSpan retryFor,
        Action<Exception>? waiting = null)
    {
        var since = System.Diagnostics.Stopwatch.StartNew();
        var delay = First;
        while (true)
        {
            try
            {
                return history.Read(customerId, from, to);
            }
            catch (Exception e) when (retryFor != TimeSpan.Zero && IsUnavailable(history, e)
                && (retryFor == Timeout.InfiniteTimeSpan || since.Elapsed < retryFor))
            {
                waiting?.Invoke(e);
                var left = retryFor == Timeout.InfiniteTimeSpan ? delay : retryFor - since.Elapsed;
                Wait(delay < left ? delay : left, CancellationToken.None);
                delay = Next(delay);
            }
        }
    }
}
