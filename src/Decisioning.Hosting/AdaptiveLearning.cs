using System.Threading.Channels;
using Decisioning.Adaptive;
using Decisioning.History;
using Decisioning.Plan;
using Decisioning.Telemetry;
using Decisioning.Recording;

namespace Decisioning.Hosting;

/// <summary>
/// Online learning: each served map's adaptive states learned from the interaction history at
/// start, every interval and after every reload, and swapped into the slot when the counts changed.
/// A decision reads its map's version once, so it decides wholly with one state or the next; the
/// learned state's file is written before the swap, so a decision never names a state that replay
/// cannot find.
/// </summary>
/// <remarks>
/// Learning is <see cref="HistoryLearning.Learn"/> over the whole history at the current time, then
/// the map's own state files added: the same state <c>learn --db</c> and <c>learn-merge</c> would
/// give, whatever the host learned before, and the same on every host of a fleet sharing one
/// history. One learning runs at a time, on a thread of the pool, never on the decision path.
/// </remarks>
internal sealed class AdaptiveLearning(AdaptiveLearningOptions options, DecisioningMetrics metrics, DecisioningLogger log, TimeProvider time,
    EngineStarter starter) : IAdaptiveLearning, IDisposable
{
    private readonly SemaphoreSlim _learning = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();

    // Capacity 1, extra writes dropped: reloads while one learning is pending make one learning.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private DecisionEngine? _engine;
    private long _learnings;
    private HistoryRecorder? _history;
    private Task _loop = Task.CompletedTask;

    /// <summary>Starts learning for <paramref name="engine"/>'s served maps: at once, then every interval and after each reload.</summary>
    public void Start(DecisionEngine engine, HistoryRecorder history)
    {
        _history = history;
        Volatile.Write(ref _engine, engine);
        foreach (var slot in engine.ServedSlots)
        {
            slot.Reloaded = () => _wake.Writer.TryWrite(true);
        }

        _loop = Task.Run(LoopAsync);
    }

    public Task<int> LearnNowAsync(CancellationToken cancellationToken = default) => LearnAsync(first: false, cancellationToken);

    // The learning at start is skipped when one already ran (a host that called LearnNowAsync first).
    private async Task<int> LearnAsync(bool first, CancellationToken cancellationToken)
    {
        var engine = Volatile.Read(ref _engine) ?? await starter.StartAsync(cancellationToken).ConfigureAwait(false);
        await _learning.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (first && _learnings > 0)
            {
                return 0;
            }

            _learnings++;
            // What the host recorded until now is learned from: the queue is written first.
            await _history!.FlushAsync(cancellationToken).ConfigureAwait(false);
            var swapped = 0;
            foreach (var slot in engine.ServedSlots)
            {
                swapped += await LearnMapAsync(slot, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            return swapped;
        }
        finally
        {
            _learning.Release();
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _wake.Writer.TryComplete();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The loop logs its own failures; stopping must not throw.
        }
    }

    private async Task LoopAsync()
    {
        var token = _stopping.Token;
        try
        {
            for (var first = true; !token.IsCancellationRequested; first = false)
            {
                try
                {
                    await LearnAsync(first, token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Each map's failures are logged where they happen; this is anything else (a bug).
                    // The loop goes on: the next interval tries again.
                    log.Logger.AdaptiveLearningFailed("(every map)", e);
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(token);
                var interval = Task.Delay(options.Interval, time, wait.Token);
                var reloaded = _wake.Reader.WaitToReadAsync(wait.Token).AsTask();
                await Task.WhenAny(interval, reloaded).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
                _wake.Reader.TryRead(out _);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<bool> LearnMapAsync(MapSlot slot, CancellationToken cancellationToken)
    {
        var serving = slot.Current;
        var loaded = serving.LoadedPlan;
        if (!PredictorValues.HasAdaptive(loaded))
        {
            return false;
        }

        var started = time.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        AdaptiveState total;
        try
        {
            var learned = await Task.Run(() => HistoryLearning.Learn(loaded, _history!.Store, now).State, cancellationToken).ConfigureAwait(false);
            total = AdaptivePlans.Loaded(loaded);
            if (total.Add(learned) is { } conflict)
            {
                // Counts past long.MaxValue: a failed learning, and the state in use stays.
                throw new InvalidOperationException(conflict);
            }

            total.Map = loaded.MapId;
            total.At = now;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.LearnFailed(slot.MapId, e.GetType().Name);
            log.Logger.AdaptiveLearningFailed(slot.MapId, e);
            return false;
        }

        metrics.Learned(slot.MapId, time.GetElapsedTime(started));
        if (serving.Learned is { } current && AdaptivePlans.SameCounts(current, total))
        {
            return false;
        }

        var bytes = AdaptivePlans.Bytes(total);
        var version = AdaptivePlans.Version(bytes);
        try
        {
            if (options.StateDirectory is { } folder)
            {
                Write(folder, $"{slot.MapId}-{version[AdaptivePlans.VersionPrefix.Length..]}.json", bytes);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not swapped in: decisions would name a state that replay cannot find.
            metrics.LearnFailed(slot.MapId, e.GetType().Name);
            log.Logger.AdaptiveLearningFailed(slot.MapId, e);
            return false;
        }

        var next = serving.WithState(AdaptivePlans.WithState(loaded, total, version), total);
        if (!await slot.SwapAsync(serving, next, cancellationToken).ConfigureAwait(false))
        {
            return false; // a reload came first: it wakes the loop, which learns for the new version
        }

        metrics.StateSwapped(slot.MapId);
        log.Logger.AdaptiveStateSwapped(slot.MapId, serving.Plan.Version, version, total.Instances.Values.Sum(i => i.Evidence));
        return true;
    }

    // Whole or not at all: a replay may be reading the folder.
    private static void Write(string folder, string name, byte[] bytes)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        if (File.Exists(path))
        {
            return;
        }

        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
