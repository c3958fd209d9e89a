using System.Collections.Frozen;
using Decisioning.Compilation;

namespace Decisioning.Plan;

/// <summary>A tier or a lifecycle stage, compiled.</summary>
public sealed record NamedRule(string Id, CompiledCondition When);

/// <summary>A segment: a compiled condition, or the members of a named list (名单).</summary>
public sealed record SegmentPlan(string Id, CompiledCondition? When, FrozenSet<string>? Members, string? ListPath);

public sealed record ObjectivePlan(string Id, string Kind, double Weight);

public sealed record ProductPlan(string Id, string? Name, double Value, CompiledCondition Eligible, bool Repeatable)
{
    /// <summary>What a script sees as <c>product</c>.</summary>
    public IReadOnlyDictionary<string, object?> ScriptValue { get; } =
        new Dictionary<string, object?> { ["id"] = Id, ["name"] = Name, ["value"] = Value };
}

public sealed record ChannelPlan(
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

public enum ScenarioKind
{
    Always,
    Lifecycle,
    Product,
    Event,
}

public sealed record ScenarioPlan(
    string Id,
    ScenarioKind Kind,
    IReadOnlyList<string> Stages,
    IReadOnlyList<string> Lacks,
    IReadOnlyList<string> Holds,
    string? EventType,
    TimeSpan? Within,
    CompiledCondition? When);

/// <summary>A channel a strategy may use, in its preference order, with its script (or none).</summary>
public sealed record ChannelChoice(ChannelPlan Channel, CompiledScript? Script);

public sealed record StrategyPlan
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

    /// <summary>What a script sees as <c>strategy</c>.</summary>
    public IReadOnlyDictionary<string, object?> ScriptValue => field ??= new Dictionary<string, object?> { ["id"] = Id };
}

public sealed record ArbitrationPlan(int MaxActions, bool OnePerProduct, bool OnePerChannel);

public enum ControlPolicy
{
    None,
    Random,
    Priority,
}

public sealed record ExperimentPlan(string Id, double Control, ControlPolicy Policy, string Salt);
