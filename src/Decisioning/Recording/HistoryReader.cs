using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Runtime;
using Decisioning.History;
using Decisioning.Serialization;

namespace Decisioning.Recording;

/// <summary>
/// Adds each customer's history to its snapshot and records nothing: for commands that read a
/// history but do not decide for real (<c>explain</c>, <c>batch</c>). Thread-safe.
/// </summary>
internal sealed class HistoryReader(IInteractionHistory history) : IDecisionObserver
{
    /// <inheritdoc />
    public CustomerRecord Prepare(CustomerRecord customer, DecisionPlan plan, DateTime at) =>
        HistoryMerge.Merge(history, customer, at, HistoryMerge.Reach(plan));

    /// <summary>Records nothing.</summary>
    public void Decided(CustomerRecord customer, DecisionBuffer buffer)
    {
    }
}
