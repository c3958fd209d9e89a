using Decisioning.Evaluation;
using Decisioning.History;
using Decisioning.Snapshots;
using Decisioning.Telemetry;
using Microsoft.Extensions.Logging;
using Decisioning.Recording;

namespace Decisioning.Hosting;

/// <summary>
/// Makes the shadow decisions off the callers' path: a served decision offers its snapshot to the
/// calling thread's lane of a <see cref="ShadowLanes{T}"/> (no lock or line shared with another
/// core, unless the host chose <see cref="ShadowQueueFullMode.Wait"/> and the queue is full), and
/// background workers decide it with the shadow's serving version, count it and hand it to the
/// observers. Nothing a shadow does reaches a caller: its errors are counted and logged here.
/// </summary>
/// <remarks>
/// The workers poll: a worker that drained the queue looks again for up to 500 us (steady traffic
/// keeps it busy and the queue short), then sleeps <see cref="DecisioningOptions.ShadowIdleDelay"/>,
/// or until a lane hands a batch of <see cref="WakeAfter"/> snapshots over: that hand-over wakes it.
/// A worker waiting on the queue would be woken by the write of every served decision, and a
/// wake-up (a futex call, an interrupt to the other core) costs the caller more than the write
/// itself, so only one write in a batch pays for it. A worker whose sleep ends without a batch
/// takes what the lanes hold, so a trickle of traffic is shadowed within the idle delay. Without
/// the wake, a worker whose look was eaten by a garbage collection slept while the queue grew by
/// milliseconds of traffic: hundreds of queued snapshots then lived through each collection, the
/// runtime grew generation 0 for the survivors, and the served path slowed by a third to a half
/// (benchmarks/README.md).
/// </remarks>
internal sealed class ShadowRunner : IDisposable
{
    private readonly ShadowLanes<Work> _lanes;
    private readonly IReadOnlyList<IShadowObserver> _observers;
    private readonly DecisioningMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Task[] _workers;
    private readonly HistoryRecorder? _history;
    private readonly SnapshotSchemas _schemas = new();
    private readonly TimeSpan _idleDelay;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stopToken;

    /// <summary>How many snapshots a lane hands over at once, and so how many queue up while the workers sleep before one is woken.</summary>
    internal const int WakeAfter = ShadowLanes<Work>.BatchSize;

    public ShadowRunner(DecisioningOptions options, IReadOnlyList<IShadowObserver> observers, DecisioningMetrics metrics, ILogger logger,
        HistoryRecorder? history = null)
    {
        _history = history;
        _idleDelay = options.ShadowIdleDelay;
        _stopToken = _stopping.Token;
        _observers = observers;
        _metrics = metrics;
        _logger = logger;
        _lanes = new ShadowLanes<Work>(options.ShadowQueueCapacity, options.ShadowQueueFullMode, options.ShadowWorkers == 1,
            dropped => _metrics.ShadowDropped(dropped.Shadow.MapId));
        // Threads of their own, not the pool's: with ShadowQueueFullMode.Wait the callers blocked on
        // a full queue may be every pool thread there is, and the workers must still run to make
        // room; a stop must wake them at once whatever the pool is doing.
        _workers = [.. Enumerable.Range(0, options.ShadowWorkers)
            .Select(_ => Task.Factory.StartNew(RunWorker, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))];
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
        _lanes.Offer(new Work(shadow, snapshot, at, keep ? served : null, FirstAction.Of(served), history, read));
    }

    /// <summary>Stops taking work and lets the workers finish what is queued, for up to 5 seconds.</summary>
    public void Dispose() => Stop(TimeSpan.FromSeconds(5));

    /// <summary>Stops taking work and lets the workers finish what is queued, for up to <paramref name="drain"/>.</summary>
    public void Stop(TimeSpan drain)
    {
        if (!_lanes.Close())
        {
            return;
        }

        // Wake the sleeping workers now rather than after their delay: they drain what is queued.
        _stopping.Cancel();

        if (!Task.WaitAll(_workers, drain))
        {
            _logger.ShadowStopped(_lanes.Pending());
        }

        _stopping.Dispose();
    }

    private void RunWorker()
    {
        // Whether the last pass decided anything: only then is more traffic worth waiting for
        // awake. An idle host's worker sleeps from one delay to the next without spinning.
        var worked = false;
        while (true)
        {
            while (_lanes.TryTake(out var batch))
            {
                worked = true;
                for (var i = 0; i < batch.Length; i++)
                {
                    // Let go of each snapshot once decided: the rest of the batch may live through a collection.
                    var work = batch[i];
                    batch[i] = default;
                    Decide(work);
                }
            }

            if (_lanes.Completed)
            {
                // Stopping: what the lanes still hold, and nothing after it.
                foreach (var work in _lanes.Sweep(close: true))
                {
                    Decide(work);
                }

                return;
            }

            if (worked && Look())
            {
                continue;
            }

            worked = false;
            if (!_lanes.Sleep(_idleDelay, _stopToken))
            {
                // A whole delay without a batch: the traffic is a trickle, take what the lanes hold.
                foreach (var work in _lanes.Sweep(close: false))
                {
                    Decide(work);
                    worked = true;
                }
            }
        }
    }

    /// <summary>How many times a worker has stayed awake looking for more work (tests: an idle worker does not).</summary>
    internal long Looks => Interlocked.Read(ref _looks);

    private long _looks;

    private bool Look()
    {
        Interlocked.Increment(ref _looks);
        return StillComing(_lanes);
    }

    // Under steady traffic the next batch is a few hundred microseconds away: a worker that looks
    // again for a moment before it sleeps keeps the queue short, so queued snapshots and served
    // decisions are not kept alive across the callers' garbage collections, and still nobody wakes it.
    private static bool StillComing(ShadowLanes<Work> lanes)
    {
        var until = System.Diagnostics.Stopwatch.GetTimestamp() + System.Diagnostics.Stopwatch.Frequency / 2_000; // 500 us
        var spinner = default(SpinWait);
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
        {
            if (lanes.WaitingBatches > 0)
            {
                return true;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        // One more look: a collection's pause may have taken the whole window.
        return lanes.WaitingBatches > 0;
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
