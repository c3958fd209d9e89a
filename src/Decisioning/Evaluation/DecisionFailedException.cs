using Decisioning.Plan;
using Decisioning.Snapshots;

namespace Decisioning.Evaluation;

/// <summary>
/// Thrown by <see cref="Evaluator.Decide"/> and <see cref="Evaluator.DecideInto"/> when something
/// goes wrong while one customer is decided: an expression or a script that fails at run time, a
/// host model or policy that throws, a score or propensity that is not a finite number. It carries
/// that customer's error record (code <see cref="SnapshotErrorCodes.EvaluationFailed"/>), which every
/// caller (evaluate, batch, explain, diff, the host engine) writes in place of the decision, so the
/// other customers go on (docs/reference/snapshot-errors.md).
/// </summary>
public sealed class DecisionFailedException : Exception
{
    /// <summary>Carries <paramref name="error"/>; <paramref name="inner"/> is what failed, when an exception did.</summary>
    public DecisionFailedException(SnapshotError error, Exception? inner)
        : base($"customer '{error.CustomerId ?? "(unknown)"}': {error.Code}: {error.Message}", inner) => Error = error;

    /// <summary>The customer's error record.</summary>
    public SnapshotError Error { get; }

    /// <summary>The error record for <paramref name="failure"/>, naming the strategy and the step that failed.</summary>
    internal static DecisionFailedException For(string customerId, StrategyPlan? strategy, Exception failure)
    {
        var what = EvaluationFault.Reason(failure);
        var message = failure is EvaluationFault { OfDecision: true } ? what
            : strategy is null ? $"the customer's profile (tiers, lifecycle, segments): {what}"
            : $"strategy '{strategy.Id}': {what}";
        return new DecisionFailedException(new SnapshotError(customerId, SnapshotErrorCodes.EvaluationFailed, message), failure);
    }
}
