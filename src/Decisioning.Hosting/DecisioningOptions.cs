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

    /// <summary>
    /// How many snapshots may wait in the queue for their shadow decision (all maps together),
    /// counted in whole batches of 32 (a capacity under 32 makes batches that size); each calling
    /// thread's lane holds fewer than one batch more. Default 10,000.
    /// </summary>
    public int ShadowQueueCapacity { get; set; } = 10_000;

    /// <summary>What happens when the shadow queue is full. Default <see cref="ShadowQueueFullMode.DropNewest"/>.</summary>
    public ShadowQueueFullMode ShadowQueueFullMode { get; set; } = ShadowQueueFullMode.DropNewest;

    /// <summary>
    /// How many background workers make shadow decisions. Default 1: a shadow takes at most one core
    /// from the served decisions; raise it when the drop counter grows and cores are free.
    /// </summary>
    public int ShadowWorkers { get; set; } = 1;

    /// <summary>
    /// How long an idle shadow worker sleeps before it looks at the queue again, unless a calling
    /// thread hands a batch of 32 snapshots over first; a sleep that ends without a batch takes what
    /// the callers' lanes hold. Default 5 ms. Callers do not wake a worker for each decision: waking
    /// a sleeping thread is a system call and a cross-core interrupt, so only the hand-over of a
    /// batch pays for it, and a shadow decision follows its served one by at most this delay plus
    /// the queue ahead of it.
    /// </summary>
    public TimeSpan ShadowIdleDelay { get; set; } = TimeSpan.FromMilliseconds(5);
}

/// <summary>One map of <see cref="DecisioningOptions.Maps"/>.</summary>
public sealed class MapOptions
{
    /// <summary>
    /// The map file or folder; a relative path is taken from the host's content root (the current
    /// directory outside a host). Ignored when the map has a source registered in code.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// A challenger version of this map, decided in its shadow: it decides every snapshot this map
    /// decides, at the same time, off the caller's path, and is never served. Null for none.
    /// </summary>
    public ShadowOptions? Shadow { get; set; }
}

/// <summary>The shadow of one map (<see cref="MapOptions.Shadow"/>).</summary>
public sealed class ShadowOptions
{
    /// <summary>
    /// The challenger's file or folder, relative as <see cref="MapOptions.Path"/>; its <c>map:</c> key
    /// is the served map's id. Ignored when the shadow has a source registered in code.
    /// </summary>
    public string? Path { get; set; }
}
