namespace Decisioning.Tests.CrossCheck;

/// <summary>
/// A plain description of a strategy map, independent of the engine's Model/Plan types: the random
/// generator builds it, <see cref="YamlRenderer"/> prints it as YAML for the engine, and
/// <see cref="ReferenceEvaluator"/> decides from it directly. Optional keys are null when absent.
/// </summary>
public sealed record RandomMap
{
    public required string Id { get; init; }
    public required string Version { get; init; }

    /// <summary>The key field's name; null writes no <c>id:</c> (the default <c>customerId</c>).</summary>
    public string? IdField { get; init; }

    public required IReadOnlyList<RField> Fields { get; init; }
    public required IReadOnlyList<REventType> Events { get; init; }
    public required IReadOnlyList<RRule> Tiers { get; init; }
    public required IReadOnlyList<RRule> Stages { get; init; }
    public required IReadOnlyList<RSegment> Segments { get; init; }
    public required IReadOnlyList<RObjective> Objectives { get; init; }
    public required IReadOnlyList<RProduct> Products { get; init; }
    public required IReadOnlyList<RChannel> Channels { get; init; }
    public required IReadOnlyList<RScript> Scripts { get; init; }
    public required IReadOnlyList<RScenario> Scenarios { get; init; }
    public required IReadOnlyList<RModel> Models { get; init; }
    public required IReadOnlyList<RStrategy> Strategies { get; init; }
    public RArbitration? Arbitration { get; init; }

    /// <summary>Suppression rules (contact policy library), in file order.</summary>
    public IReadOnlyList<RSuppression> Suppression { get; init; } = [];
    public RExperiment? Experiment { get; init; }

    public string KeyField => IdField ?? "customerId";
}

public enum RKind
{
    Int,
    Decimal,
    Bool,
    String,
    Date,
}

public sealed record RField(string Name, RKind Kind, bool Optional)
{
    public string TypeText => Kind switch
    {
        RKind.Int => "int",
        RKind.Decimal => "decimal",
        RKind.Bool => "bool",
        RKind.String => "string",
        _ => "date",
    } + (Optional ? "?" : "");
}

public sealed record REventType(string Id, IReadOnlyList<RField> Payload);

/// <summary>A tier or a lifecycle stage.</summary>
public sealed record RRule(string Id, Cond When);

/// <summary>A segment by condition, or a named list (名单) of customer ids written to a file.</summary>
public sealed record RSegment(string Id, Cond? When, IReadOnlyList<string>? Members);

public sealed record RObjective(string Id, string Kind, double? Weight)
{
    public double EffectiveWeight => Weight ?? 1.0;
}

public sealed record RProduct(string Id, string? Name, double? Value, Cond? Eligible, bool? Repeatable);

public sealed record RChannel(string Id, string? Name, Cond? Reachable, int? Max, RDuration? Per, int? MaxLength, int? Capacity);

public sealed record RScript(string Id, IReadOnlyList<ScriptPiece> Pieces);

public enum ScenarioKindR
{
    Lifecycle,
    Product,
    Event,
    Always,
}

public sealed record RScenario(
    string Id,
    ScenarioKindR Kind,
    IReadOnlyList<string> Stages,
    IReadOnlyList<string> Lacks,
    IReadOnlyList<string> Holds,
    string? Event,
    RDuration? Within,
    Cond? When);

/// <summary>A logistic model (spec section 8); coefficients in written order.</summary>
public sealed record RModel(string Id, double Intercept, IReadOnlyList<(string Field, double Weight)> Coefficients);

public sealed record RStrategy
{
    public required string Id { get; init; }

    /// <summary>Segment ids or <c>all</c>; null writes no <c>target</c> key.</summary>
    public IReadOnlyList<string>? Target { get; init; }

    public string? Objective { get; init; }
    public string? Scenario { get; init; }
    public required string Product { get; init; }
    public required IReadOnlyList<string> Channels { get; init; }

    /// <summary>Channel id to script id, for some of the channels.</summary>
    public required IReadOnlyList<(string Channel, string Script)> Scripts { get; init; }

    public double? Priority { get; init; }

    /// <summary>A constant propensity; exclusive with <see cref="Model"/>.</summary>
    public double? Propensity { get; init; }

    public string? Model { get; init; }
    public Cond? When { get; init; }
    public RDuration? Cooldown { get; init; }
    public DateTime? ActiveFrom { get; init; }
    public DateTime? ActiveTo { get; init; }

    /// <summary>Follow-up waves 2, 3, ...; empty for a strategy without waves.</summary>
    public IReadOnlyList<RWave> Waves { get; init; } = [];

    /// <summary>Null writes no <c>stopOn</c> (all three kinds stop).</summary>
    public IReadOnlyList<string>? StopOn { get; init; }

    public double EffectivePriority => Priority ?? 50;

    public IReadOnlyList<string> EffectiveStopOn => StopOn ?? ["responded", "declined", "converted"];
}

/// <summary>A follow-up wave; null channels or scripts are wave 1's.</summary>
public sealed record RWave(RDuration After, IReadOnlyList<string>? Channels, IReadOnlyList<(string Channel, string Script)>? Scripts);

/// <summary>A suppression rule; null keys are not written (atLeast 1, no window, scope strategy).</summary>
public sealed record RSuppression(string Id, string Count, int? AtLeast, RDuration? Within, string? Scope, RDuration Pause);

public sealed record RArbitration(int? MaxActions, bool? OnePerProduct, bool? OnePerChannel, string? Fallback = null);

public sealed record RExperiment(string Id, double Control, string? Policy, string? Salt)
{
    public string EffectiveSalt => Salt ?? Id;
    public string EffectivePolicy => Policy ?? "none";
}

/// <summary>A duration of spec section 1: <c>&lt;n&gt;d</c>, <c>&lt;n&gt;h</c> or <c>&lt;n&gt;m</c>.</summary>
public sealed record RDuration(int Amount, char Unit)
{
    public TimeSpan Span => Unit switch
    {
        'd' => TimeSpan.FromDays(Amount),
        'h' => TimeSpan.FromHours(Amount),
        _ => TimeSpan.FromMinutes(Amount),
    };

    public override string ToString() => $"{Amount}{Unit}";
}
