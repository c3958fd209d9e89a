using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Input;

/// <summary>What one line of a decision log is, for post-evaluation.</summary>
internal enum DecisionLineKind
{
    /// <summary>A decision (spec section 4): a customer id and an <c>at</c>.</summary>
    Decision,

    /// <summary>An invalid snapshot's <c>{"customerId": ..., "error": {...}}</c> record.</summary>
    ErrorRecord,

    /// <summary>Not JSON, not an object, or without a valid customer id or time.</summary>
    Bad,
}

/// <summary>The experiment a decision carries: <c>{"id", "group", "bucket", "control"}</c>.</summary>
internal sealed record ExperimentTag(string Id, Group Group, double? Control);

/// <summary>The strategy and product of one action of a decision.</summary>
internal sealed record ActionArm(string Strategy, string? Product);

/// <summary>
/// The part of a decision line that post-evaluation keeps: who, when, which group, and the
/// model's first choice (<c>actions[0]</c> in the model group, <c>counterfactual[0]</c> in control).
/// </summary>
internal sealed record DecisionLine(
    DecisionLineKind Kind,
    string? CustomerId,
    DateTimeOffset At,
    ExperimentTag? Experiment,
    ActionArm? FirstAction,
    ActionArm? FirstCounterfactual)
{
    public static DecisionLine Bad { get; } = new(DecisionLineKind.Bad, null, default, null, null, null);

    /// <summary>The arm that places the customer in a per-strategy comparison, if any.</summary>
    public ActionArm? Arm => Experiment?.Group switch
    {
        Group.Model => FirstAction,
        Group.Control => FirstCounterfactual,
        _ => null,
    };
}
