using System.Text.Json.Serialization;

namespace Decisioning.Evaluation;

/// <summary>
/// The decision for one customer (spec section 4). <see cref="Actions"/> are what to do, ranked;
/// <see cref="Counterfactual"/> is the model's choice, present in the control group only.
/// <see cref="MapHash"/> names the map content that decided (<see cref="Plan.MapHash"/>), and
/// <see cref="NoAction"/> says why <see cref="Actions"/> is empty (null when it is not): both are
/// written after the trace, in that order.
/// </summary>
public sealed record Decision(
    string CustomerId,
    string Map,
    string Version,
    DateTime At,
    string? Tier,
    string? Stage,
    IReadOnlyList<string> Segments,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ExperimentAssignment? Experiment,
    IReadOnlyList<DecisionAction> Actions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DecisionAction>? Counterfactual,
    IReadOnlyList<TraceEntry> Trace,
    string MapHash = "",
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NoAction = null);

/// <summary>One next-best action. The score is never rounded.</summary>
public sealed record DecisionAction(
    int Rank,
    string Strategy,
    string? Objective,
    string? Scenario,
    string Product,
    string Channel,
    string? Script,
    double Score,
    double Propensity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Wave = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Fallback = null);

/// <summary>
/// What happened to one strategy: <c>selected</c>, or <c>rejected</c> with a reason code. A
/// <c>policy</c> rejection also names the host's rule that vetoed it (<see cref="Rule"/>, written as
/// an extra <c>rule</c> field of the trace entry); it is null for every other reason. The rule's own
/// words for its verdict, when the policy gave them, are <see cref="Message"/>; when the rule could
/// not be evaluated (it threw) and the policy vetoed to be safe, its error is <see cref="Error"/>.
/// </summary>
public sealed record TraceEntry(
    string Strategy,
    string Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Rule = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Wave = null)
{
    /// <summary>The <see cref="Outcome"/> of a strategy returned in the actions (or, in the control group, in the model's choice).</summary>
    public const string Selected = "selected";

    /// <summary>
    /// The adaptive model behind the strategy's propensity (an addition to spec section 4, written
    /// as <c>model</c>); null when the propensity is a constant, a logistic or a host model.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; init; }

    /// <summary>The adaptive model's evidence, P + N interactions learned from (written as <c>evidence</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Evidence { get; init; }

    /// <summary>
    /// The version of the state a host learned online and decided with (written as <c>state</c>);
    /// null for a map's own state file or none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? State { get; init; }

    /// <summary>The <see cref="Outcome"/> of a strategy not returned; <see cref="Reason"/> says why.</summary>
    public const string Rejected = "rejected";
}

/// <summary>The customer's place in the map's experiment.</summary>
public sealed record ExperimentAssignment(string Id, string Group, double Bucket, double Control)
{
    /// <summary>The <see cref="Group"/> of customers the map decides for.</summary>
    public const string ModelGroup = "model";

    /// <summary>The <see cref="Group"/> of customers held out as the control.</summary>
    public const string ControlGroup = "control";
}
