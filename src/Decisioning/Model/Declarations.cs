using Decisioning.Diagnostics;

namespace Decisioning.Model;

/// <summary>A field of the customer snapshot or of an event payload: <c>name: type</c>.</summary>
internal sealed record FieldDecl(Located<string> Name, Located<string> Type);

/// <summary>The snapshot schema: the key field, the declared fields and the MOT events.</summary>
internal sealed record CustomerSchemaDecl
{
    public Located<string>? IdField { get; init; }
    public IReadOnlyList<FieldDecl> Fields { get; init; } = [];
    public IReadOnlyList<EventDecl> Events { get; init; } = [];
    public SourceLocation Location { get; init; }
}

internal sealed record EventDecl(Located<string> Id, IReadOnlyList<FieldDecl> Fields);

/// <summary>A tier or a lifecycle stage: an id and the condition that puts a customer in it.</summary>
internal sealed record RuleDecl(Located<string>? Id, Located<string>? When, SourceLocation Location);

/// <summary>A segment by condition, or a named list (名单) read from a file.</summary>
internal sealed record SegmentDecl(Located<string>? Id, Located<string>? When, Located<string>? List, SourceLocation Location);

internal sealed record ObjectiveDecl(Located<string>? Id, Located<string>? Kind, Located<double>? Weight, SourceLocation Location);

internal sealed record ProductDecl(
    Located<string>? Id,
    Located<string>? Name,
    Located<double>? Value,
    Located<string>? Eligible,
    Located<bool>? Repeatable,
    SourceLocation Location);

internal sealed record ContactPolicyDecl(Located<long>? Max, Located<MapDuration>? Per, SourceLocation Location);

internal sealed record ChannelDecl(
    Located<string>? Id,
    Located<string>? Name,
    Located<string>? Reachable,
    ContactPolicyDecl? ContactPolicy,
    Located<long>? CapacityPerDay,
    Located<long>? MaxLength,
    SourceLocation Location);

internal sealed record ScriptDecl(Located<string>? Id, Located<string>? Text, SourceLocation Location);

internal sealed record ScenarioDecl
{
    public Located<string>? Id { get; init; }
    public Located<string>? Kind { get; init; }
    public IReadOnlyList<Located<string>> Stages { get; init; } = [];
    public IReadOnlyList<Located<string>> Lacks { get; init; } = [];
    public IReadOnlyList<Located<string>> Holds { get; init; } = [];
    public Located<string>? Event { get; init; }
    public Located<MapDuration>? Within { get; init; }
    public Located<string>? When { get; init; }
    public SourceLocation Location { get; init; }
}

/// <summary>A strategy's propensity: a constant, or the id of a model of spec section 8.</summary>
internal sealed record PropensityDecl(Located<double>? Constant, Located<string>? Model, SourceLocation Location);

/// <summary>A channel id and the script the strategy uses on it.</summary>
internal sealed record ScriptChoiceDecl(Located<string> Channel, Located<string> Script);

/// <summary>
/// A follow-up wave of a strategy (spec section 9): due <c>after</c> the previous wave's contact;
/// absent channels or scripts are wave 1's.
/// </summary>
internal sealed record WaveDecl
{
    public Located<MapDuration>? After { get; init; }
    public IReadOnlyList<Located<string>>? Channels { get; init; }
    public IReadOnlyList<ScriptChoiceDecl>? Scripts { get; init; }
    public SourceLocation Location { get; init; }
}

/// <summary>A suppression rule of the contact policy library (spec section 10).</summary>
internal sealed record SuppressionDecl
{
    public Located<string>? Id { get; init; }
    public Located<string>? Count { get; init; }
    public Located<long>? AtLeast { get; init; }
    public Located<MapDuration>? Within { get; init; }
    public Located<string>? Scope { get; init; }
    public Located<MapDuration>? Pause { get; init; }
    public SourceLocation Location { get; init; }
}

internal sealed record ActiveWindowDecl(Located<MapInstant>? From, Located<MapInstant>? To, SourceLocation Location);

internal sealed record StrategyDecl
{
    public Located<string>? Id { get; init; }

    /// <summary>Segment ids; the single id <c>all</c> targets everyone.</summary>
    public IReadOnlyList<Located<string>> Target { get; init; } = [];

    public bool TargetWritten { get; init; }
    public Located<string>? Objective { get; init; }
    public Located<string>? Scenario { get; init; }
    public Located<string>? Product { get; init; }
    public IReadOnlyList<Located<string>> Channels { get; init; } = [];
    public IReadOnlyList<ScriptChoiceDecl> Scripts { get; init; } = [];
    public Located<double>? Priority { get; init; }
    public PropensityDecl? Propensity { get; init; }
    public Located<string>? When { get; init; }
    public Located<MapDuration>? Cooldown { get; init; }
    public ActiveWindowDecl? Active { get; init; }

    /// <summary>Follow-up waves 2, 3, ... in order; empty when the strategy has none.</summary>
    public IReadOnlyList<WaveDecl> Waves { get; init; } = [];

    /// <summary>The response kinds that end a wave sequence; null when not written (all three).</summary>
    public IReadOnlyList<Located<string>>? StopOn { get; init; }

    public SourceLocation Location { get; init; }
}

internal sealed record ArbitrationDecl
{
    public Located<long>? MaxActions { get; init; }
    public Located<bool>? OnePerProduct { get; init; }
    public Located<bool>? OnePerChannel { get; init; }

    /// <summary>The strategy considered only when arbitration returns no action (spec section 11).</summary>
    public Located<string>? Fallback { get; init; }

    public SourceLocation Location { get; init; }
}

internal sealed record ExperimentDecl(
    Located<string>? Id,
    Located<double>? Control,
    Located<string>? ControlPolicy,
    Located<string>? Salt,
    SourceLocation Location);

internal sealed record CoefficientDecl(Located<string> Field, Located<double> Weight);

internal sealed record ModelDecl(
    Located<string>? Id,
    Located<string>? Kind,
    Located<double>? Intercept,
    IReadOnlyList<CoefficientDecl> Coefficients,
    SourceLocation Location,
    AdaptiveModelDecl? Adaptive = null);
