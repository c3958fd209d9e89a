using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Runtime;
using Decisioning.History;
using Decisioning.Serialization;
using Microsoft.Extensions.Logging;

namespace Decisioning.Recording;

/// <summary>
/// Adds each customer's history to its snapshot and records nothing: for commands that read a
/// history but do not decide for real (<c>explain</c>, <c>batch</c>), and for the command line's
/// <c>evaluate</c> through its recorder. Thread-safe.
/// </summary>
/// <param name="history">The store.</param>
/// <param name="retryUnavailableFor">
/// How long a read is tried again while the store is unavailable (a batch job waits out a
/// database's restart rather than stopping halfway); zero: never.
/// </param>
/// <param name="logger">Told once when reads begin to wait for the store, and once when it is back.</param>
internal sealed class HistoryReader(IInteractionHistory history, TimeSpan retryUnavailableFor = default, ILogger? logger = null) : IDecisionObserver
{
    // 1 while reads wait for the store: the wait is logged once, however many threads wait.
    private int _waiting;

    /// <inheritdoc />
    public CustomerRecord Prepare(CustomerRecord customer, DecisionPlan plan, DateTime at)
    {
        var from = HistoryMerge.From(at, HistoryMerge.Reach(plan));
        var read = StoreBackoff.Read(history, customer.Id, from, at, retryUnavailableFor, Waiting);
        if (Volatile.Read(ref _waiting) == 1 && Interlocked.Exchange(ref _waiting, 0) == 1 && logger is not null)
        {
            HistoryLog.ReadsGoOn(logger);
        }

        return HistoryMerge.Merge(customer, read);
    }

    private void Waiting(Exception failure)
    {
        if (Interlocked.Exchange(ref _waiting, 1) == 0 && logger is not null)
        {
            HistoryLog.ReadsWait(logger, retryUnavailableFor, failure);
        }
    }

    /// <summary>Records nothing.</summary>
    public void Decided(CustomerRecord customer, DecisionBuffer buffer)
    {
    }
}
