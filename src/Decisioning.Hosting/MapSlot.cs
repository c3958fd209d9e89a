using System.Threading.Channels;
using Decisioning.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Decisioning.Hosting;

/// <summary>
/// One served map: the version serving now, and the loop that reloads it when its source changes.
/// Decisions read <see cref="Current"/> once and use that version to the end; a reload builds the
/// next version completely before one reference write swaps it in.
/// </summary>
internal sealed class MapSlot : IDisposable
{
    private IMapSource _source;
    private readonly MapVersionLoader _loader;
    private readonly ILogger _logger;
    private readonly DecisioningMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly TimeSpan _debounce;
    private readonly SemaphoreSlim _reloading = new(1, 1);

    // Capacity 1, extra writes dropped: any number of changes while one is pending make one reload.
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly CancellationTokenSource _stopping = new();
    private MapVersion _current;
    private volatile MapLoadFailure? _lastFailure;
    private IDisposable? _subscription;
    private Task _watching = Task.CompletedTask;

    public MapSlot(string role, MapVersion initial, IMapSource source, MapVersionLoader loader, ILogger logger, DecisioningMetrics metrics,
        TimeProvider time, TimeSpan debounce)
    {
        Role = role;
        Name = role == MapRoles.Shadow ? $"{initial.MapId} (shadow)" : initial.MapId;
        _current = initial;
        _source = source;
        _loader = loader;
        _logger = logger;
        _metrics = metrics;
        _time = time;
        _debounce = debounce;
    }

    public string MapId => _current.MapId;

    /// <summary><see cref="MapRoles.Served"/> or <see cref="MapRoles.Shadow"/>; a promotion swaps versions, not roles.</summary>
    public string Role { get; }

    /// <summary>The map id in logs: the shadow's says so.</summary>
    public string Name { get; }

    /// <summary>The serving version. Invariant: always a whole, successfully loaded version.</summary>
    public MapVersion Current => Volatile.Read(ref _current);

    public MapInfo Info => Current.Info(_lastFailure);

    /// <summary>Called after a reload or a promotion swapped in a new version (online learning learns for it at once).</summary>
    public Action? Reloaded { get; set; }

    /// <summary>
    /// Swaps in <paramref name="next"/>, a version made from <paramref name="from"/> (a learned
    /// state), as a reload swaps: one reference write, decisions that read the old version finish
    /// with it. False, and nothing swapped, when <paramref name="from"/> no longer serves (a reload or
    /// a promotion came first).
    /// </summary>
    public async Task<bool> SwapAsync(MapVersion from, MapVersion next, CancellationToken cancellationToken)
    {
        await _reloading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!ReferenceEquals(Current, from))
            {
                return false;
            }

            Volatile.Write(ref _current, next);
            return true;
        }
        finally
        {
            _reloading.Release();
        }
    }

    /// <summary>The last reload refused since the serving version loaded.</summary>
    public MapLoadFailure? LastFailure => _lastFailure;

    public void StartWatching()
    {
        _watching = Task.Run(WatchAsync);
        Subscribe();
    }

    /// <summary>
    /// Promotion: <paramref name="shadow"/>'s version serves in <paramref name="served"/> and the
    /// served version decides in the shadow, each as its slot's next generation, sources swapped with
    /// them so that each slot reloads from where its version came from. Waits for reloads of both.
    /// </summary>
    public static async Task<PromotionResult> SwapAsync(MapSlot served, MapSlot shadow, CancellationToken cancellationToken)
    {
        // Always served first, then shadow: promotions of one map are the only callers that hold both.
        await served._reloading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await shadow._reloading.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var now = served._time.GetUtcNow();
                var promoted = shadow.Current;
                var previous = served.Current;
                (served._source, shadow._source) = (shadow._source, served._source);
                // The served slot first: from here on callers get the challenger's decisions.
                Volatile.Write(ref served._current, promoted.Moved(previous.Generation + 1, now));
                Volatile.Write(ref shadow._current, previous.Moved(promoted.Generation + 1, now));
                (served._lastFailure, shadow._lastFailure) = (null, null);
                served.Resubscribe();
                shadow.Resubscribe();
                served.Reloaded?.Invoke();
                return new PromotionResult(served.Info, previous.Plan.Version);
            }
            finally
            {
                shadow._reloading.Release();
            }
        }
        finally
        {
            served._reloading.Release();
        }
    }

    /// <summary>Loads the source's current content and swaps it in, or keeps the serving version.</summary>
    public async Task<ReloadResult> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var serving = Current;
            var outcome = await _loader.LoadAsync(serving.MapId, _source, serving.Generation + 1, cancellationToken).ConfigureAwait(false);
            if (outcome.Version is { } next)
            {
                // The swap. Decisions that already read the old version finish with it.
                Volatile.Write(ref _current, next);
                _lastFailure = null;
                _metrics.Reloaded(next.MapId, Role, succeeded: true);
                Loaded(next);
                Reloaded?.Invoke();
                // Same version text for a different definition: decisions could not tell the two apart.
                // A named list alone changing is a routine refresh, not a new version of the map.
                if (next.Plan.Version == serving.Plan.Version && next.Plan.DefinitionHash != serving.Plan.DefinitionHash)
                {
                    _logger.MapVersionUnchanged(Name, next.Plan.Version);
                }

                return new ReloadResult(true, Info, []);
            }

            _lastFailure = new MapLoadFailure(_time.GetUtcNow(), outcome.Errors);
            _metrics.ReloadFailed(serving.MapId, Role, outcome.Errors);
            _logger.MapLoadFailed(Name, _source.Description,
                $"version '{serving.Plan.Version}' keeps {(Role == MapRoles.Shadow ? "deciding in the shadow" : "serving")}",
                outcome.Errors, outcome.Exception);
            return new ReloadResult(false, Info, outcome.Errors);
        }
        finally
        {
            _reloading.Release();
        }
    }

    /// <summary>Logs that <paramref name="version"/> serves, with its warnings.</summary>
    public void Loaded(MapVersion version)
    {
        _logger.MapLoaded(Name, version.Plan.Version, version.Generation, version.Source,
            (long)version.LoadTime.TotalMilliseconds, version.Plan.StrategyIds.Count);
        if (version.Warnings.Count > 0)
        {
            _logger.MapWarnings(Name, version.Plan.Version, version.Warnings.Count, string.Join('\n', version.Warnings));
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _subscription?.Dispose();
        _changes.Writer.TryComplete();
        try
        {
            _watching.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The loop logs its own failures; stopping must not throw.
        }

        (_source as IDisposable)?.Dispose();
    }

    private async Task WatchAsync()
    {
        var token = _stopping.Token;
        var changes = _changes.Reader;
        try
        {
            while (await changes.WaitToReadAsync(token).ConfigureAwait(false))
            {
                changes.TryRead(out _);
                _logger.MapChanged(Name, _source.Description, _debounce.TotalMilliseconds);
                // Debounce: reload only once the source has been quiet for a whole interval.
                do
                {
                    await Task.Delay(_debounce, _time, token).ConfigureAwait(false);
                }
                while (changes.TryRead(out _));

                await ReloadAsync(token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            _logger.ReloadLoopFailed(Name, Current.Plan.Version, e);
        }
    }

    private void Subscribe()
    {
        var source = _source;
        _subscription = ChangeToken.OnChange(source.Watch, () => _changes.Writer.TryWrite(true));
    }

    // After a promotion: watch the source that now belongs to this slot (only when watching at all).
    private void Resubscribe()
    {
        if (_subscription is { } old)
        {
            old.Dispose();
            Subscribe();
        }
    }
}
