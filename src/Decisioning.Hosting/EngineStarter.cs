using Decisioning.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Decisioning.Hosting;

/// <summary>
/// Loads every map (and every shadow) and makes the engine, once. In a host this runs in
/// <see cref="EngineStartup.StartAsync"/>, asynchronously, before anything is served: a map that
/// does not load stops the host with a <see cref="MapLoadException"/> listing every diagnostic of
/// every map. Outside a host (a bare service provider) the first resolution of
/// <see cref="IDecisionEngine"/> starts it and waits.
/// </summary>
internal sealed class EngineStarter(
    IServiceProvider services,
    IOptionsMonitor<DecisioningOptions> options,
    IOptions<DecisioningRegistry> registry,
    MapSourceFactory sources,
    MapVersionLoader loader,
    DecisioningMetrics metrics,
    DecisioningLogger log,
    TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DecisionEngine? _engine;

    /// <summary>The engine, started now when it is not yet (outside a host).</summary>
    public DecisionEngine GetOrStart() =>
        Volatile.Read(ref _engine) ?? StartAsync(CancellationToken.None).GetAwaiter().GetResult();

    public async Task<DecisionEngine> StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _engine ??= await LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _engine?.Dispose();

    /// <summary>Lets the shadows decide what is queued (up to <paramref name="drain"/>) and stops them, when started.</summary>
    public void StopShadows(TimeSpan drain) => Volatile.Read(ref _engine)?.StopShadows(drain);

    private async Task<DecisionEngine> LoadAsync(CancellationToken cancellationToken)
    {
        // Reading the options validates their shape (OptionsValidationException); the maps load below.
        var settings = options.CurrentValue;
        var logger = log.Logger;
        var failures = new List<MapStartFailure>();
        var loaded = new List<(MapSlot Served, MapSlot? Shadow)>();
        var made = new List<IMapSource>();
        foreach (var (mapId, map) in settings.Maps.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var served = await LoadOneAsync(mapId, MapRoles.Served, () => sources.Create(mapId, map), failures, made, cancellationToken).ConfigureAwait(false);
            var shadow = map.Shadow is { } shadowOptions
                ? await LoadOneAsync(mapId, MapRoles.Shadow, () => sources.CreateShadow(mapId, shadowOptions), failures, made, cancellationToken).ConfigureAwait(false)
                : null;
            if (served is not null && (map.Shadow is null || shadow is not null))
            {
                loaded.Add((Slot(served.Value, MapRoles.Served, settings), shadow is { } s ? Slot(s, MapRoles.Shadow, settings) : null));
            }
        }

        if (failures.Count > 0)
        {
            foreach (var source in made)
            {
                (source as IDisposable)?.Dispose();
            }

            throw new MapLoadException(failures);
        }

        var history = services.GetService<Recording.HistoryRecorder>();
        var learning = services.GetService<AdaptiveLearning>();
        if (learning is not null && history is null)
        {
            foreach (var source in made)
            {
                (source as IDisposable)?.Dispose();
            }

            throw new InvalidOperationException(
                "UseAdaptiveLearning learns from the interaction history: attach one with UseSqliteHistory, UsePostgresHistory or UseHistory");
        }

        var shadows = loaded.Any(m => m.Shadow is not null)
            ? new ShadowRunner(settings, [.. registry.Value.ShadowObservers.Select(f => f(services))], metrics, logger, history)
            : null;
        var engine = new DecisionEngine(loaded, shadows, metrics, logger, time, history);
        // Online learning (UseAdaptiveLearning) learns each served map's adaptive states from the history.
        learning?.Start(engine, history!);
        foreach (var (served, shadow) in loaded)
        {
            served.Loaded(served.Current);
            shadow?.Loaded(shadow.Current);
            if (settings.WatchForChanges)
            {
                served.StartWatching();
                shadow?.StartWatching();
            }
        }

        return engine;
    }

    private async Task<(IMapSource Source, MapVersion Version)?> LoadOneAsync(string mapId, string role, Func<IMapSource> create,
        List<MapStartFailure> failures, List<IMapSource> made, CancellationToken cancellationToken)
    {
        IMapSource source;
        try
        {
            source = create();
        }
        catch (Exception e)
        {
            var diagnostic = Diagnostics.Diagnostic.Error(Diagnostics.DiagnosticCodes.FileUnreadable, $"its source could not be made: {e.Message}",
                Diagnostics.SourceLocation.StartOf(mapId));
            failures.Add(new MapStartFailure(mapId, role, "(no source)", [diagnostic]));
            return null;
        }

        made.Add(source);
        var outcome = await loader.LoadAsync(mapId, source, generation: 1, cancellationToken).ConfigureAwait(false);
        if (outcome.Version is { } version)
        {
            return (source, version);
        }

        var name = role == MapRoles.Shadow ? $"{mapId} (shadow)" : mapId;
        log.Logger.MapLoadFailed(name, source.Description, "the host cannot start", outcome.Errors, outcome.Exception);
        failures.Add(new MapStartFailure(mapId, role, source.Description, outcome.Errors));
        return null;
    }

    private MapSlot Slot((IMapSource Source, MapVersion Version) loaded, string role, DecisioningOptions settings) =>
        new(role, loaded.Version, loaded.Source, loader, log.Logger, metrics, time, settings.ReloadDebounce);
}
