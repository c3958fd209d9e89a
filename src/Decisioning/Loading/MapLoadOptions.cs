using Decisioning.Compilation;
using Decisioning.Runtime;

namespace Decisioning.Loading;

/// <summary>What a host adds to a load: its propensity models (spec section 8, <c>kind: host</c>).</summary>
public sealed record MapLoadOptions
{
    /// <summary>No host models.</summary>
    public static MapLoadOptions Default { get; } = new();

    /// <summary>The host's propensity models by id, for the map's <c>kind: host</c> models; a model the map names and this lacks is DM071.</summary>
    public IReadOnlyDictionary<string, IPropensityModel> HostModels { get; init; } =
        new Dictionary<string, IPropensityModel>(StringComparer.Ordinal);

    /// <summary>
    /// Compiled expressions reused across loads (a hot reload recompiles only what changed);
    /// <see cref="ExpressionCache.Shared"/> by default, null to compile every expression afresh.
    /// </summary>
    internal ExpressionCache? ExpressionCache { get; init; } = ExpressionCache.Shared;

    /// <summary>
    /// The previous load of each map source, reused piece by piece by the next load of the same
    /// source (<see cref="MapReuse"/>); <see cref="MapReuse.Shared"/> by default, null for a load
    /// that neither reuses nor leaves anything.
    /// </summary>
    internal MapReuse? Reuse { get; init; } = MapReuse.Shared;
}
