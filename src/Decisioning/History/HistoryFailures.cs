using System.Data.Common;
using System.Net.Sockets;

namespace Decisioning.History;

/// <summary>
/// Tells a store that cannot take a batch for now (down, restarting, unreachable, busy, out of
/// space) from one that refuses the batch itself: the first kind passes, so the batch is kept and
/// written again; the second would fail the same way every time.
/// </summary>
public static class HistoryFailures
{
    /// <summary>
    /// Whether <paramref name="exception"/>, or an exception inside it, says the store is
    /// unavailable for now: a database error its driver calls transient
    /// (<see cref="DbException.IsTransient"/>), a time-out, a socket error, or an I/O error (a
    /// connection cut, a disk full). Anything else is the batch's own failure.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Chain(exception).Any(e => e is DbException { IsTransient: true } or TimeoutException or SocketException or IOException);
    }

    /// <summary><paramref name="exception"/> and every exception inside it, the inner ones of an <see cref="AggregateException"/> included.</summary>
    public static IEnumerable<Exception> Chain(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var pending = new Stack<Exception>();
        pending.Push(exception);
        // A bound against a cycle of inner exceptions, which nothing forbids.
        for (var seen = 0; pending.Count > 0 && seen < 64; seen++)
        {
            var current = pending.Pop();
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
