using System.Collections.Frozen;

namespace Decisioning.Plan;

/// <summary>A tier or a lifecycle stage, compiled.</summary>
internal sealed record NamedRule(string Id, CompiledCondition When);

/// <summary>A segment: a compiled condition, or the members of a named list (名单).</summary>
internal sealed record SegmentPlan(string Id, CompiledCondition? When, FrozenSet<string>? Members, string? ListPath);

internal sealed record ObjectivePlan(string Id, string Kind, double Weight);

internal sealed record ProductPlan(string Id, string? Name, double Value, CompiledCondition Eligible, bool Repeatable)
{
    /// <summary>What a script sees as <c>product</c>.</summary>
    public IReadOnlyDictionary<string, object?> ScriptValue { get; } =
        new Dictionary<string, object?> { ["id"] = Id, ["name"] = Name, ["value"] = Value };
}

internal sealed record ChannelPlan(
    int Index,
    string Id,
    string? Name,
    CompiledCondition Reachable,
    int? MaxContacts,
    TimeSpan? Per,
    long? CapacityPerDay,
    int? MaxLength)
{
    /// <summary>What a script sees as <c>channel</c>.</summary>
    public IReadOnlyDictionary<string, object?> ScriptValue { get; } =
        new Dictionary<string, object?> { ["id"] = Id, ["name"] = Name };
}

internal enum ScenarioKind
{
    Always,
    Lifecycle,
    Product,
    Event,
}

internal sealed record ScenarioPlan(
    string Id,
    ScenarioKind Kind,
    IReadOnlyList<string> Stages,
    IReadOnlyList<string> Lacks,
    IReadOnlyList<string> Holds,
    string? EventType,
    TimeSpan? Within,
    CompiledCondition? When);

/// <summary>A channel a strategy may use, in its preference order, with its script (or none).</summary>
internal sealed record ChannelChoice(ChannelPlan Channel, CompiledScript? Script);

/// <summary>
/// A wave of a strategy with waves (spec section 9): <see cref="Number"/> 1 is the strategy as
/// written (no delay); wave k+1 is due <see cref="After"/> the contact of wave k.
/// </summary>
internal sealed record WavePlan(int Number, TimeSpan After, IReadOnlyList<ChannelChoice> Channels);

/// <summary>What a suppression rule counts (spec section 10).</summary>
internal enum SuppressionCount
{
    Responded,
    Declined,
    Converted,
    Sent,
}

/// <summary>Which records a suppression rule counts for a strategy.</summary>
internal enum SuppressionScope
{
    Strategy,
    Product,
    All,
}

/// <summary>
/// A suppression rule: suppressed while at least <see cref="AtLeast"/> records of <see cref="Count"/>
/// in <c>(at - within, at]</c> (any time at or before <c>at</c> without <see cref="Within"/>) belong to
/// the strategy by <see cref="Scope"/>, and <c>at</c> is before the latest of them plus <see cref="Pause"/>.
/// </summary>
internal sealed record SuppressionPlan(string Id, SuppressionCount Count, string CountText, int AtLeast, TimeSpan? Within, SuppressionScope Scope, TimeSpan Pause);

internal sealed record StrategyPlan
{
    public required int Index { get; init; }
    public required string Id { get; init; }

    /// <summary>Indexes into the plan's segments; null targets everyone (<c>all</c>).</summary>
    public required IReadOnlyList<int>? Target { get; init; }
    public required ObjectivePlan? Objective { get; init; }
    public required ScenarioPlan? Scenario { get; init; }
    public required ProductPlan Product { get; init; }
    public required IReadOnlyList<ChannelChoice> Channels { get; init; }
    public required double Priority { get; init; }
    public required PropensityPlan Propensity { get; init; }
    public required CompiledCondition? When { get; init; }
    public required TimeSpan? Cooldown { get; init; }
    public required DateTime? ActiveFrom { get; init; }
    public required DateTime? ActiveTo { get; init; }

    /// <summary>
    /// Every wave, wave 1 (the strategy's own channels) first; empty for a strategy without waves,
    /// which is decided exactly as in part one.
    /// </summary>
    public IReadOnlyList<WavePlan> Waves { get; init; } = [];

    /// <summary>The response kinds that end a wave sequence (<c>responded</c>, <c>declined</c>, <c>converted</c>).</summary>
    public IReadOnlyList<string> StopOn { get; init; } = Runtime.ResponseRecord.Kinds;

    /// <summary>Whether the strategy has follow-up waves.</summary>
    public bool HasWaves => Waves.Count > 1;

    /// <summary>What a script sees as <c>strategy</c>.</summary>
    public IReadOnlyDictionary<string, object?> ScriptValue => field ??= new Dictionary<string, object?> { ["id"] = Id };
}

/// <summary>Arbitration; <see cref="Fallback"/> is the strategy index considered only when it returns nothing (-1 for none).</summary>
internal sealed record ArbitrationPlan(int MaxActions, bool OnePerProduct, bool OnePerChannel, int Fallback = -1);

internal enum ControlPolicy
{
    None,
    Random,
    Priority,
}

internal sealed record ExperimentPlan(string Id, double Control, ControlPolicy Policy, string Salt);
