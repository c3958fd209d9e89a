using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Decisioning.Evaluation;
using Decisioning.Snapshots;
using Decisioning.Telemetry;
using Microsoft.Extensions.Options;
using static Decisioning.Telemetry.DecisioningTelemetry;

namespace Decisioning.Hosting;

/// <summary>
/// The <see cref="IDecisionEngine"/> of <c>AddDecisioning</c>: one <see cref="MapSlot"/> per map.
/// Nothing on the decision path takes a lock or waits: a decision reads its map's serving version
/// once and works on that immutable version only.
/// </summary>
internal sealed class DecisionEngine : IDecisionEngine, IDisposable
{
    private readonly FrozenDictionary<string, MapSlot> _slots;
    private readonly MapSlot[] _ordered;
    private readonly DecisioningMetrics _metrics;
    private readonly TimeProvider _time;

    public DecisionEngine(IOptionsMonitor<DecisioningOptions> options, StartupLoads loads, MapSourceFactory sources,
        MapVersionLoader loader, DecisioningMetrics metrics, DecisioningLogger log, TimeProvider time)
    {
        _metrics = metrics;
        _time = time;
        // Reading the options validates them, which loads every map or throws with every error. The
        // monitor's value is the one ValidateOnStart already validated: the maps are not loaded twice.
        var settings = options.CurrentValue;
        var slots = new List<MapSlot>();
        foreach (var (mapId, map) in settings.Maps.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var (source, version) = loads.TryTake(mapId, out var loaded) ? loaded : LoadNow(mapId, map, sources, loader);
            var slot = new MapSlot(version, source, loader, log.Logger, metrics, time, settings.ReloadDebounce);
            slot.Loaded(version);
            slots.Add(slot);
        }

        _ordered = [.. slots];
        _slots = slots.ToFrozenDictionary(s => s.MapId, StringComparer.Ordinal);
        if (settings.WatchForChanges)
        {
            foreach (var slot in _ordered)
            {
                slot.StartWatching();
            }
        }
    }

    public IReadOnlyList<MapInfo> Maps => [.. _ordered.Select(s => s.Info)];

    public MapInfo? GetMap(string mapId) => _slots.GetValueOrDefault(mapId)?.Info;

    public Decision Decide(string mapId, CustomerSnapshot snapshot, DateTimeOffset at)
    {
        var version = Slot(mapId).Current;
        return DecideWith(version, snapshot, at.UtcDateTime, out var decision, out var error)
            ? decision
            : error.Code == SnapshotErrorCodes.EvaluationFailed
                ? throw new DecisionFailedException(error, null)
                : throw new InvalidSnapshotException(version.MapId, version.Plan.Version, error);
    }

    public Decision Decide(string mapId, CustomerSnapshot snapshot) => Decide(mapId, snapshot, _time.GetUtcNow());

    public bool TryDecide(string mapId, CustomerSnapshot snapshot, DateTimeOffset at,
        [NotNullWhen(true)] out Decision? decision, [NotNullWhen(false)] out SnapshotError? error) =>
        DecideWith(Slot(mapId).Current, snapshot, at.UtcDateTime, out decision, out error);

    public IReadOnlyList<DecisionResult> DecideBatch(string mapId, IEnumerable<CustomerSnapshot> snapshots, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var version = Slot(mapId).Current;
        using var activity = DecisioningTelemetry.ActivitySource.StartActivity(Activities.Batch);
        activity?.SetTag(Tags.Map, version.MapId);
        activity?.SetTag(Tags.MapVersion, version.Plan.Version);
        var results = new List<DecisionResult>();
        var errors = 0;
        foreach (var snapshot in snapshots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            DecideWith(version, snapshot, at.UtcDateTime, out var decision, out var error);
            errors += error is null ? 0 : 1;
            results.Add(new DecisionResult(decision, error));
        }

        activity?.SetTag(Tags.BatchSize, results.Count);
        activity?.SetTag(Tags.BatchErrors, errors);
        return results;
    }

    public Task<ReloadResult> ReloadAsync(string mapId, CancellationToken cancellationToken = default) =>
        Slot(mapId).ReloadAsync(cancellationToken);

    public void Dispose()
    {
        foreach (var slot in _ordered)
        {
            slot.Dispose();
        }
    }

    // One buffer per thread, for the map version it last decided with (a switch of map or version makes a new one).
    [ThreadStatic]
    private static DecisionBuffer? t_buffer;

    private bool DecideWith(MapVersion version, CustomerSnapshot snapshot, DateTime at,
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

        // Decided into this thread's buffer, then copied out: the same decision as Evaluator.Decide
        // (DecideIntoTests) in about two thirds of its time and half its bytes (benchmarks/README.md).
        var buffer = t_buffer is { } reused && ReferenceEquals(reused.Plan, version.Plan) ? reused : new DecisionBuffer(version.Plan);
        // Out of the slot while in use: a decision made from inside this one (a host model or
        // policy calling the engine on this thread) gets a buffer of its own.
        t_buffer = null;
        try
        {
            version.Evaluator.DecideInto(customer, at, buffer);
            decision = buffer.ToDecision();
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
        finally
        {
            t_buffer = buffer;
        }

        _metrics.Decided(decision, _time.GetElapsedTime(started));
        error = null;
        return true;
    }

    private MapSlot Slot(string mapId)
    {
        ArgumentNullException.ThrowIfNull(mapId);
        return _slots.TryGetValue(mapId, out var slot)
            ? slot
            : throw new KeyNotFoundException($"no map '{mapId}' is served; served maps: {string.Join(", ", _slots.Keys.Order(StringComparer.Ordinal))}");
    }

    // Only when the options were validated by another path than this container's first read.
    private static (IMapSource, MapVersion) LoadNow(string mapId, MapOptions map, MapSourceFactory sources, MapVersionLoader loader)
    {
        var source = sources.Create(mapId, map);
        var outcome = loader.LoadAsync(mapId, source, generation: 1, CancellationToken.None).GetAwaiter().GetResult();
        if (outcome.Version is { } version)
        {
            return (source, version);
        }

        (source as IDisposable)?.Dispose();
        throw new OptionsValidationException(Options.DefaultName, typeof(DecisioningOptions),
            [$"map '{mapId}' is invalid ({outcome.Errors.Count} errors):\n" + string.Join('\n', outcome.Errors)]);
    }
}
