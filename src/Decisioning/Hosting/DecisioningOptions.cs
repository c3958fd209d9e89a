namespace Decisioning.Hosting;

/// <summary>
/// What <c>AddDecisioning</c> serves, bound from the <c>Decisioning</c> configuration section:
/// <code>"Decisioning": { "Maps": { "retail-wealth": { "Path": "strategies/retail-wealth" } } }</code>
/// Configuration is applied after the builder's calls, so an environment can override a path
/// set in code. Validated at start: an invalid map stops the host with every error listed.
/// </summary>
public sealed class DecisioningOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "Decisioning";

    /// <summary>The maps to serve, by map id (the id in the map's own <c>map:</c> key). Fixed at start.</summary>
    public Dictionary<string, MapOptions> Maps { get; } = new(StringComparer.Ordinal);

    /// <summary>Reload a map when its source reports a change. Default true.</summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>
    /// How long a map's source must be quiet after a change before the new version is loaded, so
    /// that a burst of writes (a deployment copying several files) loads once. Default 500 ms.
    /// </summary>
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>One map of <see cref="DecisioningOptions.Maps"/>.</summary>
public sealed class MapOptions
{
    /// <summary>
    /// The map file or folder; a relative path is taken from the host's content root (the current
    /// directory outside a host). Ignored when the map has a source registered in code.
    /// </summary>
    public string? Path { get; set; }
}
