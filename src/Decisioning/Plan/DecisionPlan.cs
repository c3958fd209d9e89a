using Decisioning.Runtime;

namespace Decisioning.Plan;

/// <summary>
/// A strategy map compiled for evaluation: every expression a delegate, every reference resolved
/// to an object, every field to a slot. Immutable and shared by all threads.
/// </summary>
public sealed record DecisionPlan
{
    public required string MapId { get; init; }
    public required string Version { get; init; }
    public required string IdField { get; init; }
    public required RowLayout Customer { get; init; }
    public required IReadOnlyDictionary<string, RowLayout> Events { get; init; }
    public required IReadOnlyList<NamedRule> Tiers { get; init; }
    public required IReadOnlyList<NamedRule> Stages { get; init; }
    public required IReadOnlyList<SegmentPlan> Segments { get; init; }
    public required IReadOnlyList<ProductPlan> Products { get; init; }
    public required IReadOnlyList<ChannelPlan> Channels { get; init; }
    public required IReadOnlyList<StrategyPlan> Strategies { get; init; }
    public required ArbitrationPlan Arbitration { get; init; }
    public required ExperimentPlan? Experiment { get; init; }

    /// <summary>The suppression rules (contact policy library), in file order; the first that suppresses names itself.</summary>
    public IReadOnlyList<SuppressionPlan> Suppression { get; init; } = [];

    /// <summary>
    /// The map's content hash (<see cref="MapHash"/>), worked out once when the map was loaded
    /// from the bytes read; every decision carries it. A plan built without the loader has the hash of no files.
    /// </summary>
    public string MapHash { get; init; } = EmptyHash;

    /// <summary>
    /// The hash of the map's YAML files alone, without the named lists they point at: a reload whose
    /// definition is unchanged (a routine list refresh) needs no new <c>version</c>.
    /// </summary>
    public string DefinitionHash { get; init; } = EmptyHash;

    private static readonly string EmptyHash = Plan.MapHash.Compute([]);

    /// <summary>The files the map was read from, for hot reload and messages.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}
