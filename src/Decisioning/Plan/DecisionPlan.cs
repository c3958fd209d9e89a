using Decisioning.Runtime;

namespace Decisioning.Plan;

/// <summary>
/// A strategy map compiled for evaluation: every expression a delegate, every reference resolved
/// to an object, every field to a slot. Immutable and shared by all threads.
/// </summary>
public sealed record DecisionPlan
{
    /// <summary>The map's id (its <c>map:</c> key).</summary>
    public required string MapId { get; init; }

    /// <summary>The map's version, echoed in every decision.</summary>
    public required string Version { get; init; }

    /// <summary>The snapshot's key field (<c>customer.id</c>, default <c>customerId</c>).</summary>
    public required string IdField { get; init; }
    internal RowLayout Customer { get; init; } = null!;
    internal IReadOnlyDictionary<string, RowLayout> Events { get; init; } = null!;
    internal IReadOnlyList<NamedRule> Tiers { get; init; } = null!;
    internal IReadOnlyList<NamedRule> Stages { get; init; } = null!;
    internal IReadOnlyList<SegmentPlan> Segments { get; init; } = null!;
    internal IReadOnlyList<ProductPlan> Products { get; init; } = null!;
    internal IReadOnlyList<ChannelPlan> Channels { get; init; } = null!;
    internal IReadOnlyList<StrategyPlan> Strategies { get; init; } = null!;
    internal ArbitrationPlan Arbitration { get; init; } = null!;
    internal ExperimentPlan? Experiment { get; init; }

    /// <summary>The suppression rules (contact policy library), in file order; the first that suppresses names itself.</summary>
    internal IReadOnlyList<SuppressionPlan> Suppression { get; init; } = [];

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

    /// <summary>The ids of the map's strategies, in file order (what a host lists about a map).</summary>
    public IReadOnlyList<string> StrategyIds => [.. Strategies.Select(s => s.Id)];

    /// <summary>
    /// The named-list files the map's segments read, as the map writes them (relative to the file
    /// that names them): a host watches them, since a list refresh changes the decisions too.
    /// </summary>
    public IReadOnlyList<string> ListPaths => [.. Segments.Where(s => s.ListPath is not null).Select(s => s.ListPath!)];
}
