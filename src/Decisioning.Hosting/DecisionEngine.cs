using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Decisioning.Evaluation;
using Decisioning.History;
using Decisioning.Runtime;
using Decisioning.Snapshots;
using Decisioning.Telemetry;
using Microsoft.Extensions.Logging;
using static Decisioning.Telemetry.DecisioningTelemetry;
using Decisioning.Recording;

namespace Decisioning.Hosting;

/// <summary>
/// The <see cref="IDecisionEngine"/> of <c>AddDecisioning</c>: one <see cref="MapSlot"/> per map,
/// and one more per map with a shadow. Made by <see cref="EngineStarter"/> once every map has
/// loaded. Nothing on the decision path takes a lock or waits: a decision reads its map's serving
/// version once and works on that immutable version only; a shadow gets the snapshot afterwards,
/// through a bounded queue.
/// </summary>
internal sealed class DecisionEngine : IDecisionEngine, IDisposable
{
    private static readonly SnapshotError NullSnapshot = new(null, SnapshotErrorCodes.NotAnObject, "a snapshot is a JSON object, not null");

    private readonly FrozenDictionary<string, Entry> _maps;
    private readonly Entry[] _ordered;
    private readonly ShadowRunner? _shadows;
    private readonly DecisioningMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly HistoryRecorder? _history;
    private readonly HistoryReads? _reads;
    private int _disposed;

    public DecisionEngine(IReadOnlyList<(MapSlot Served, MapSlot? Shadow)> maps, ShadowRunner? shadows, DecisioningMetrics metrics,
        ILogger logger, TimeProvider time, HistoryRecorder? history = null)
    {
        _ordered = [.. maps.Select(m => new Entry(m.Served, m.Shadow))];
        _maps = _ordered.ToFrozenDictionary(e => e.Served.MapId, StringComparer.Ordinal);
        _shadows = shadows;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _history = history;
        _reads = history is null ? null : new HistoryReads(history, metrics, logger, time);
    }

    public IReadOnlyList<MapInfo> Maps => [.. _ordered.Select(e => e.Info)];

    /// <summary>The slots of the served maps, in map id order (online learning learns for each).</summary>
    public IEnumerable<MapSlot> ServedSlots => _ordered.Select(e => e.Served);

    public MapInfo? GetMap(string mapId) => _maps.GetValueOrDefault(mapId)?.Info;

    public Decision Decide(string mapId, CustomerSnapshot snapshot, DateTimeOffset at)
    {
        var entry = Find(mapId);
        var version = entry.Served.Current;
        return DecideWith(entry, version, snapshot, at.UtcDateTime, out var decision, out var error)
            ? decision
            : error.Code == SnapshotErrorCodes.EvaluationFailed
                ? throw new DecisionFailedException(error, null)
                : throw new InvalidSnapshotException(version.MapId, version.Plan.Version, error);
    }

    public Decision Decide(string mapId, CustomerSnapshot snapshot) => Decide(mapId, snapshot, _time.GetUtcNow());

    public bool TryDecide(string mapId, CustomerSnapshot snapshot, DateTimeOffset at,
        [NotNullWhen(true)] out Decision? decision, [NotNullWhen(false)] out SnapshotError? error)
    {
        var entry = Find(mapId);
        return DecideWith(entry, entry.Served.Current, snapshot, at.UtcDateTime, out decision, out error);
    }

    public IReadOnlyList<DecisionResult> DecideBatch(string mapId, IEnumerable<CustomerSnapshot> snapshots, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var entry = Find(mapId);
        var version = entry.Served.Current;
        using var activity = DecisioningTelemetry.ActivitySource.StartActivity(Activities.Batch);
        activity?.SetTag(Tags.Map, version.MapId);
        activity?.SetTag(Tags.MapVersion, version.Plan.Version);
        var results = new List<DecisionResult>();
        var errors = 0;
        foreach (var snapshot in snapshots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (snapshot is null)
            {
                // As a line "null" of a file: that customer's error record. Thrown, it lost the results
                // of the customers before it, whose decisions the history had already recorded.
                _metrics.SnapshotRejected(version.MapId, NullSnapshot.Code);
                errors++;
                results.Add(new DecisionResult(null, NullSnapshot));
                continue;
            }

            DecideWith(entry, version, snapshot, at.UtcDateTime, out var decision, out var error);
            errors += error is null ? 0 : 1;
            results.Add(new DecisionResult(decision, error));
        }

        activity?.SetTag(Tags.BatchSize, results.Count);
        activity?.SetTag(Tags.BatchErrors, errors);
        return results;
    }

    public Task<ReloadResult> ReloadAsync(string mapId, CancellationToken cancellationToken = default) =>
        Find(mapId).Served.ReloadAsync(cancellationToken);

    public Task<ReloadResult> ReloadShadowAsync(string mapId, CancellationToken cancellationToken = default) =>
        ShadowOf(mapId).ReloadAsync(cancellationToken);

    public async Task<PromotionResult> PromoteShadowAsync(string mapId, CancellationToken cancellationToken = default)
    {
        var entry = Find(mapId);
        var result = await MapSlot.SwapAsync(entry.Served, ShadowOf(mapId), cancellationToken).ConfigureAwait(false);
        _metrics.ShadowPromoted(mapId);
        _logger.ShadowPromoted(mapId, result.Serving.Version, result.PreviousVersion);
        return result;
    }

    /// <summary>Lets the shadows decide what is queued (up to <paramref name="drain"/>) and stops them: served decisions go on unshadowed.</summary>
    public void StopShadows(TimeSpan drain) => _shadows?.Stop(drain);

    /// <summary>The shadow workers' looks for more work so far (tests).</summary>
    internal long ShadowLooks => _shadows?.Looks ?? 0;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // The shadows first: their queued snapshots are decided by versions the slots still hold.
        _shadows?.Dispose();
        foreach (var entry in _ordered)
        {
            entry.Served.Dispose();
            entry.Shadow?.Dispose();
        }
    }

    private bool DecideWith(Entry entry, MapVersion version, CustomerSnapshot snapshot, DateTime at,
        [NotNullWhen(true)] out Decision? decision, [NotNullWhen(false)] out SnapshotError? error)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var started = _time.GetTimestamp();
        var (customer, invalid) = snapshot.Read(version.Plan);
        if (customer is null)
        {
            _metrics.SnapshotRejected(version.MapId, invalid!.Code);
            decision = null;
            error = invalid;
            return false;
        }

        // With a history: the customer's past contacts and responses join the snapshot's own.
        var fromSnapshot = customer;
        var read = _history is null ? null : ReadHistory(entry, version, customer, at, out customer);

        // Decided into this thread's buffer of the evaluation's pool, then copied out (about two
        // thirds of the time and half the bytes of building records as it goes, benchmarks/README.md);
        // a decision made from inside this one (a host model or policy calling the engine on this
        // thread) gets a buffer of its own.
        try
        {
            decision = version.Evaluator.Decide(customer, at);
        }
        catch (DecisionFailedException failed)
        {
            // One customer the map cannot decide (a script or expression failing on its values):
            // its error record, as for an invalid snapshot; the engine goes on serving.
            _metrics.SnapshotRejected(version.MapId, failed.Error.Code);
            decision = null;
            error = failed.Error;
            return false;
        }

        _history?.Record(decision, version.Plan, customer);
        _metrics.Decided(decision, _time.GetElapsedTime(started));
        error = null;
        if (entry.Shadow is { } shadow)
        {
            // After the served decision is complete; the caller's cost is one queue write.
            _shadows!.Offer(shadow, snapshot, at, decision, read, new SnapshotRead(version.Plan, fromSnapshot));
        }

        return true;
    }

    // One read for the served map and its shadow, as far back as the longer of their reaches: each
    // merges what its own reach covers, so the shadow sees the history as the served decision saw
    // it, and not the served decision's own offers, which may be recorded as contacts meanwhile.
    private CustomerHistory ReadHistory(Entry entry, MapVersion version, CustomerRecord customer, DateTime at, out CustomerRecord merged)
    {
        var reach = HistoryMerge.Reach(version.Plan);
        var widest = entry.Shadow is { } shadow && HistoryMerge.Reach(shadow.Current.Plan) is var shadowReach && shadowReach > reach ? shadowReach : reach;
        // Null: the store cannot be read for now, and the map decides on the snapshot alone (HistoryReads).
        if (_reads!.Read(version.MapId, customer.Id, HistoryMerge.From(at, widest), at) is not { } read)
        {
            merged = customer;
            return CustomerHistory.Empty;
        }

        merged = HistoryMerge.Merge(customer, read, HistoryMerge.From(at, reach));
        return read;
    }

    private Entry Find(string mapId)
    {
        ArgumentNullException.ThrowIfNull(mapId);
        return _maps.TryGetValue(mapId, out var entry)
            ? entry
            : throw new KeyNotFoundException($"no map '{mapId}' is served; served maps: {string.Join(", ", _maps.Keys.Order(StringComparer.Ordinal))}");
    }

    private MapSlot ShadowOf(string mapId) =>
        Find(mapId).Shadow ?? throw new InvalidOperationException($"map '{mapId}' has no shadow: add one with AddShadow(...) or under Decisioning:Maps:{mapId}:Shadow");

    private sealed record Entry(MapSlot Served, MapSlot? Shadow)
    {
        public MapInfo Info => Served.Current.Info(Served.LastFailure, Shadow?.Info);
    }
}
