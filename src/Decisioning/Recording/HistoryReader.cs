using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Runtime;
using Decisioning.History;
using Decisioning.Serialization;

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
internal sealed class HistoryReader(IInteractionHistory history, TimeSpan retryUnavailableFor = default) : IDecisionObserver
{
    /// <inheritdoc />
    public CustomerRecord Prepare(CustomerRecord customer, DecisionPlan plan, DateTime at)
    {
        var from = HistoryMerge.From(at, HistoryMerge.Reach(plan));
        return HistoryMerge.Merge(customer, StoreBackoff.Read(history, customer.Id, from, at, retryUnavailableFor));
    }

    /// <summary>Records nothing.</summary>
    public void Decided(CustomerRecord customer, DecisionBuffer buffer)
    {
    }
}
