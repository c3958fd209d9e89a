using Decisioning.Runtime;

namespace Decisioning.Loading;

/// <summary>What a host adds to a load: its propensity models (spec section 8, <c>kind: host</c>).</summary>
public sealed record MapLoadOptions
{
    public static MapLoadOptions Default { get; } = new();

    public IReadOnlyDictionary<string, IPropensityModel> HostModels { get; init; } =
        new Dictionary<string, IPropensityModel>(StringComparer.Ordinal);
}
