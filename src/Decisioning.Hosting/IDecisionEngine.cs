using System.Diagnostics.CodeAnalysis;
using Decisioning.Evaluation;
using Decisioning.Snapshots;

namespace Decisioning.Hosting;

/// <summary>
/// Decides customers against the maps a host serves. Registered as a singleton by
/// <c>AddDecisioning</c>. Thread-safe and lock-free on the decision path: each call reads the
/// serving version once, so a decision is always made by exactly one whole version, whose
/// <c>version</c> it carries, while reloads swap versions in behind it.
/// </summary>
public interface IDecisionEngine
{
    /// <summary>The maps served, with the version serving now, in id order.</summary>
    IReadOnlyList<MapInfo> Maps { get; }

    /// <summary>The map <paramref name="mapId"/>, or null when it is not served.</summary>
    MapInfo? GetMap(string mapId);

    /// <summary>Decides one customer at <paramref name="at"/>.</summary>
    /// <exception cref="KeyNotFoundException">No map <paramref name="mapId"/> is served.</exception>
    /// <exception cref="InvalidSnapshotException">The snapshot does not fit the map's customer schema.</exception>
    /// <exception cref="DecisionFailedException">The map could not decide this customer (code <c>evaluation-failed</c>).</exception>
    Decision Decide(string mapId, CustomerSnapshot snapshot, DateTimeOffset at);

    /// <summary>Decides one customer now, as the host's <see cref="TimeProvider"/> tells it.</summary>
    /// <exception cref="KeyNotFoundException">No map <paramref name="mapId"/> is served.</exception>
    /// <exception cref="InvalidSnapshotException">The snapshot does not fit the map's customer schema.</exception>
    /// <exception cref="DecisionFailedException">The map could not decide this customer (code <c>evaluation-failed</c>).</exception>
    Decision Decide(string mapId, CustomerSnapshot snapshot);

    /// <summary>Decides one customer, or gives the customer's error record instead of throwing (an invalid snapshot, or <c>evaluation-failed</c>).</summary>
    /// <exception cref="KeyNotFoundException">No map <paramref name="mapId"/> is served.</exception>
    bool TryDecide(string mapId, CustomerSnapshot snapshot, DateTimeOffset at,
        [NotNullWhen(true)] out Decision? decision, [NotNullWhen(false)] out SnapshotError? error);

    /// <summary>
    /// Decides many customers with one map version (the one serving when the call starts), in
    /// order, under one <c>decisioning.batch</c> activity. A snapshot that cannot be decided, null
    /// among them, gets its error record in its place and the others go on.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No map <paramref name="mapId"/> is served.</exception>
    IReadOnlyList<DecisionResult> DecideBatch(string mapId, IEnumerable<CustomerSnapshot> snapshots, DateTimeOffset at,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads the map's current content now, without waiting for a change to be noticed (for a
    /// source that cannot notify). Serialized with automatic reloads.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No map <paramref name="mapId"/> is served.</exception>
    Task<ReloadResult> ReloadAsync(string mapId, CancellationToken cancellationToken = default);

    /// <summary>Loads the current content of the map's shadow now, as <see cref="ReloadAsync"/> does for the served map.</summary>
    /// <exception cref="KeyNotFoundException">No map <paramref name="mapId"/> is served.</exception>
    /// <exception cref="InvalidOperationException">The map has no shadow.</exception>
    Task<ReloadResult> ReloadShadowAsync(string mapId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the shadow's version the served one, atomically as a reload swaps versions: decisions
    /// that read the old version finish with it, every later decision gets the shadow's. The old
    /// served version decides in the shadow from then on (promote again to roll back); each side
    /// keeps reloading from its version's source. Logged as <c>ShadowPromoted</c> and counted in
    /// <c>decisioning.shadow.promotions</c>. Lasts while the engine runs: to keep it after a
    /// restart, point the map's <c>Path</c> at the promoted map.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No map <paramref name="mapId"/> is served.</exception>
    /// <exception cref="InvalidOperationException">The map has no shadow.</exception>
    Task<PromotionResult> PromoteShadowAsync(string mapId, CancellationToken cancellationToken = default);
}
