using System.Threading.Channels;
using Decisioning.Evaluation;
using Decisioning.History;
using Decisioning.Snapshots;
using Decisioning.Telemetry;
using Microsoft.Extensions.Logging;

namespace Decisioning.Hosting;

/// <summary>
/// Makes the shadow decisions off the callers' path: a served decision offers its snapshot to a
/// bounded queue (one non-blocking write, unless the host chose <see cref="ShadowQueueFullMode.Wait"/>)
/// and background workers decide it with the shadow's serving version, count it and hand it to the
/// observers. Nothing a shadow does reaches a caller: its errors are counted and logged here.
/// </summary>
/// <remarks>
/// The workers poll: a worker that drained the queue looks again for up to 200 us (steady traffic
/// keeps it busy and the queue short), then sleeps <see cref="DecisioningOptions.ShadowIdleDelay"/>,
/// or until <see cref="WakeAfter"/> snapshots have queued up meanwhile: the write that makes them so
/// many wakes it. A worker waiting on the queue would be woken by the write of every served
/// decision, and a wake-up (a futex call, an interrupt to the other core) costs the caller more than
/// the write itself, so only one write in a batch pays for it. Without that wake, a worker whose
/// look was eaten by a garbage collection slept while the queue grew by milliseconds of traffic:
/// hundreds of queued snapshots then lived through each collection, the runtime grew generation 0
/// for the survivors, and the served path slowed by a third to a half (benchmarks/README.md).
/// </remarks>
internal sealed class ShadowRunner : IDisposable
{
    private readonly Channel<Work> _queue;
    private readonly ShadowQueueFullMode _fullMode;
    private readonly IReadOnlyList<IShadowObserver> _observers;
    private readonly DecisioningMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Task[] _workers;
    private readonly HistoryRecorder? _history;
    private readonly SnapshotSchemas _schemas = new();
    private readonly TimeSpan _idleDelay;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stopToken;

    /// <summary>How many snapshots queue up while the workers sleep before a write wakes one.</summary>
    internal const int WakeAfter = 32;

    private readonly SemaphoreSlim _wake = new(0);
    private int _sleepers;
    private int _queuedWhileAsleep;

    public ShadowRunner(DecisioningOptions options, IReadOnlyList<IShadowObserver> observers, DecisioningMetrics metrics, ILogger logger,
        HistoryRecorder? history = null)
    {
        _history = history;
        _idleDelay = options.ShadowIdleDelay;
        _stopToken = _stopping.Token;
        _fullMode = options.ShadowQueueFullMode;
        _observers = observers;
        _metrics = metrics;
        _logger = logger;
        var bounded = new BoundedChannelOptions(options.ShadowQueueCapacity)
        {
            // Wait is the channel's mode for all three: TryWrite then fails on a full queue, which
            // DropNewest counts; DropOldest is the channel's own, reported through the callback.
            FullMode = _fullMode == ShadowQueueFullMode.DropOldest ? BoundedChannelFullMode.DropOldest : BoundedChannelFullMode.Wait,
            SingleReader = options.ShadowWorkers == 1,
            SingleWriter = false,
        };
        _queue = Channel.CreateBounded<Work>(bounded, dropped => _metrics.ShadowDropped(dropped.Shadow.MapId));
        _workers = [.. Enumerable.Range(0, options.ShadowWorkers).Select(_ => Task.Run(WorkAsync))];
    }

    /// <summary>
    /// Queues <paramref name="snapshot"/> for <paramref name="shadow"/>, after <paramref name="served"/> was
    /// decided; <paramref name="history"/> is what the served decision read from the interaction history, if any.
    /// </summary>
    /// <remarks>
    /// <paramref name="read"/> is the snapshot as the served map read it: a shadow whose customer
    /// schema is the served map's (the usual challenger) decides that record instead of parsing the
    /// snapshot again.
    /// </remarks>
    public void Offer(MapSlot shadow, CustomerSnapshot snapshot, DateTime at, Decision served, CustomerHistory? history = null, SnapshotRead? read = null)
    {
        // Only observers and the history read the served decision: otherwise the queue keeps its
        // first action alone, so that a queued snapshot does not keep the caller's whole decision
        // alive into the next garbage collection (measured: the collections it made costlier took
        // the served path to twice its time, benchmarks/README.md).
        var keep = _observers.Count > 0 || _history is not null;
        var work = new Work(shadow, snapshot, at, keep ? served : null, FirstAction.Of(served), history, read);
        if (_queue.Writer.TryWrite(work))
        {
            WakeWhenBatched();
            return;
        }

        if (_fullMode == ShadowQueueFullMode.Wait)
        {
            // The host chose to wait rather than lose shadow decisions.
            try
            {
                _queue.Writer.WriteAsync(work).AsTask().GetAwaiter().GetResult();
                WakeWhenBatched();
                return;
            }
            catch (ChannelClosedException)
            {
                // Stopping: fall through and count it.
            }
        }

        _metrics.ShadowDropped(shadow.MapId);
    }

    /// <summary>Stops taking work and lets the workers finish what is queued, for up to 5 seconds.</summary>
    public void Dispose() => Stop(TimeSpan.FromSeconds(5));

    /// <summary>Stops taking work and lets the workers finish what is queued, for up to <paramref name="drain"/>.</summary>
    public void Stop(TimeSpan drain)
    {
        if (!_queue.Writer.TryComplete())
        {
            return;
        }

        // Wake the sleeping workers now rather than after their delay: they drain what is queued.
        _stopping.Cancel();

        if (!Task.WaitAll(_workers, drain))
        {
            _logger.ShadowStopped(_queue.Reader.Count);
        }

        _stopping.Dispose();
        // _wake is not disposed: a worker past the drain may still wait on it, and a semaphore
        // whose wait handle was never asked for holds nothing to release.
    }

    private async Task WorkAsync()
    {
        var reader = _queue.Reader;
        while (true)
        {
            while (reader.TryRead(out var work))
            {
                Decide(work);
            }

            if (reader.Completion.IsCompleted)
            {
                return;
            }

            if (StillComing(reader))
            {
                continue;
            }

            await SleepAsync(reader).ConfigureAwait(false);
        }
    }

    // The writer's side of the wake: one shared read while every worker is awake (the usual case
    // under traffic), one interlocked count while one sleeps, a release once per batch.
    private void WakeWhenBatched()
    {
        if (Volatile.Read(ref _sleepers) > 0 && Interlocked.Increment(ref _queuedWhileAsleep) == WakeAfter)
        {
            _wake.Release();
        }
    }

    private async Task SleepAsync(ChannelReader<Work> reader)
    {
        Interlocked.Exchange(ref _queuedWhileAsleep, 0);
        Interlocked.Increment(ref _sleepers);
        try
        {
            // Written before the last look, so that a batch queued meanwhile is either seen here or
            // counted by its writers, who then wake this worker.
            if (reader.Count >= WakeAfter)
            {
                return;
            }

            await _wake.WaitAsync(_idleDelay, _stopToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: one more pass drains what the writers left before completing.
        }
        finally
        {
            Interlocked.Decrement(ref _sleepers);
        }
    }

    // Under steady traffic the next snapshot is microseconds away: a worker that looks again for a
    // moment before it sleeps keeps the queue short, so queued snapshots and served decisions are
    // not kept alive across the callers' garbage collections, and still nobody wakes it.
    private static bool StillComing(ChannelReader<Work> reader)
    {
        var until = System.Diagnostics.Stopwatch.GetTimestamp() + System.Diagnostics.Stopwatch.Frequency / 5_000; // 200 us
        var spinner = default(SpinWait);
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
        {
            if (reader.Count > 0)
            {
                return true;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        // One more look: a collection's pause may have taken the whole window.
        return reader.Count > 0;
    }

    private void Decide(Work work)
    {
        // The shadow's serving version when the worker gets to the snapshot: a reload or a promotion
        // in between is fine, the record names the version that decided.
        var version = work.Shadow.Current;
        ShadowDecision record;
        try
        {
            var (customer, error) = work.Read is { } read && _schemas.Same(read.Plan, version.Plan)
                ? (read.Customer, null)
                : work.Snapshot.Read(version.Plan);
            if (customer is null)
            {
                _metrics.ShadowFailed(version.MapId, error!.Code);
                if (work.Served is null)
                {
                    return;
                }

                record = new ShadowDecision(version.MapId, work.Served, null, error, version.Plan.Version);
            }
            else
            {
                if (work.History is { } history)
                {
                    customer = HistoryMerge.Merge(customer, history, HistoryMerge.From(work.At, HistoryMerge.Reach(version.Plan)));
                }

                if (work.Served is null)
                {
                    // Nobody reads the shadow's decision but the agreement count: decided into a
                    // pooled buffer, nothing allocated, so that the shadow adds no garbage
                    // collections to the callers' threads.
                    _metrics.ShadowDecided(version.MapId, version.Plan.Version, AgreesOnFirstAction(version, customer, work));
                    return;
                }

                var decision = version.Evaluator.Decide(customer, work.At);
                record = new ShadowDecision(version.MapId, work.Served!, decision, null, version.Plan.Version);
                _metrics.ShadowDecided(version.MapId, version.Plan.Version, record.AgreesOnFirstAction);
                // Stored with role shadow: the offers are kept for comparison and never become contacts.
                _history?.RecordShadow(decision, version.Plan);
            }
        }
        catch (DecisionFailedException failed)
        {
            // A customer the shadow cannot decide: its error record, as for a snapshot it cannot read.
            _metrics.ShadowFailed(version.MapId, failed.Error.Code);
            if (work.Served is null)
            {
                return;
            }

            record = new ShadowDecision(version.MapId, work.Served, null, failed.Error, version.Plan.Version);
        }
        catch (Exception e)
        {
            _metrics.ShadowFailed(version.MapId, e.GetType().FullName ?? e.GetType().Name);
            _logger.ShadowFailed(version.MapId, version.Plan.Version, "the shadow could not decide the snapshot", e);
            return;
        }

        foreach (var observer in _observers)
        {
            try
            {
                observer.OnShadowDecision(record);
            }
            catch (Exception e)
            {
                _metrics.ShadowFailed(version.MapId, ObserverFailed);
                _logger.ShadowFailed(version.MapId, version.Plan.Version, $"the observer {observer.GetType().FullName} threw", e);
            }
        }
    }

    private static bool AgreesOnFirstAction(MapVersion version, Runtime.CustomerRecord customer, Work work)
    {
        var buffer = DecisionBufferPool.Rent(version.Plan);
        try
        {
            version.Evaluator.DecideInto(customer, work.At, buffer);
            return work.ServedFirst == FirstAction.Of(buffer);
        }
        finally
        {
            DecisionBufferPool.Return(buffer);
        }
    }

    /// <summary>The <c>error.type</c> of a shadow observer that threw.</summary>
    public const string ObserverFailed = "observer";

    private readonly record struct Work(
        MapSlot Shadow, CustomerSnapshot Snapshot, DateTime At, Decision? Served, FirstAction ServedFirst, CustomerHistory? History, SnapshotRead? Read);
}

/// <summary>A snapshot as one map read it (before any history was merged in).</summary>
internal sealed record SnapshotRead(Plan.DecisionPlan Plan, Runtime.CustomerRecord Customer);
