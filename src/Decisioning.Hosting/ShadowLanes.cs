using System.Threading.Channels;

namespace Decisioning.Hosting;

/// <summary>
/// The hand-over of snapshots from the calling threads to the shadow workers. Each calling thread
/// writes into a lane of its own, under the lane's lock, which nobody else takes while traffic is
/// steady; a lane hands its items over in batches of <see cref="BatchSize"/> through a bounded
/// channel of batches. A worker that wakes from its idle delay without a batch takes what the
/// lanes hold (<see cref="Sweep"/>), so that a trickle of traffic is still shadowed within that delay.
/// </summary>
/// <remarks>
/// Why lanes: a queue shared by the callers and the workers moves its lock, its head and its slots
/// between the two cores on every decision, and on this project's 2-core virtual machine that cost
/// the served path 9-14% even with a worker that only threw each snapshot away (the
/// <c>--shadow-pairs</c> harness, benchmarks/README.md). A lane touched by one thread stays in that
/// core's cache; the shared channel is written once a batch. The bound: the channel holds
/// <c>capacity / batch</c> batches, and each lane fewer than one batch more.
/// </remarks>
/// <typeparam name="T">What is handed over.</typeparam>
internal sealed class ShadowLanes<T>
{
    /// <summary>How many items a lane collects before it hands them over, and so how many queue up before a sleeping worker is woken.</summary>
    public const int BatchSize = 32;

    private readonly Lane[] _lanes;
    private readonly Channel<T[]> _batches;
    private readonly ShadowQueueFullMode _fullMode;
    private readonly Action<T> _dropped;
    private readonly int _batchSize;
    private readonly SemaphoreSlim _wake = new(0);
    private int _sleepers;

    // A thread's lane number, 1-based (0: none yet), the same in every set of lanes: threads take
    // numbers in turn, so that the threads of a pool spread over the lanes.
    [ThreadStatic]
    private static int t_lane;
    private static int s_lanesTaken;

    /// <param name="capacity">How many items may wait in the channel (in whole batches; at least one batch).</param>
    /// <param name="fullMode">What a full channel does with the batch being handed over.</param>
    /// <param name="singleReader">Whether one worker alone reads.</param>
    /// <param name="dropped">Called for every item dropped: by a full channel, or offered after <see cref="Close"/>.</param>
    /// <param name="lanes">How many lanes; by default twice the processors.</param>
    public ShadowLanes(int capacity, ShadowQueueFullMode fullMode, bool singleReader, Action<T> dropped, int? lanes = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _fullMode = fullMode;
        _dropped = dropped;
        // A queue of one holds one item: batches of one, as a queue without lanes.
        _batchSize = Math.Min(BatchSize, capacity);
        _lanes = [.. Enumerable.Range(0, lanes ?? Math.Max(2, Environment.ProcessorCount * 2)).Select(_ => new Lane(_batchSize))];
        var options = new BoundedChannelOptions(Math.Max(1, capacity / _batchSize))
        {
            // Wait is the channel's mode for the other two: TryWrite then fails on a full channel,
            // which DropNewest counts; DropOldest is the channel's own, reported through the callback.
            FullMode = fullMode == ShadowQueueFullMode.DropOldest ? BoundedChannelFullMode.DropOldest : BoundedChannelFullMode.Wait,
            SingleReader = singleReader,
            SingleWriter = false,
        };
        _batches = Channel.CreateBounded<T[]>(options, DropAll);
    }

    /// <summary>Batches waiting in the channel.</summary>
    public int WaitingBatches => _batches.Reader.Count;

    /// <summary>Whether <see cref="Close"/> was called and every batch of the channel was taken.</summary>
    public bool Completed => _batches.Reader.Completion.IsCompleted;

    /// <summary>Adds <paramref name="item"/> to the calling thread's lane, and hands the lane's batch over when it is full.</summary>
    public void Offer(T item)
    {
        var lane = _lanes[LaneNumber() % _lanes.Length];
        T[] full;
        lock (lane)
        {
            if (lane.Closed)
            {
                full = [];
            }
            else
            {
                lane.Items[lane.Count++] = item;
                if (lane.Count < _batchSize)
                {
                    return;
                }

                full = lane.TakeAll(_batchSize);
            }
        }

        if (full.Length == 0)
        {
            _dropped(item);
            return;
        }

        HandOver(full);
    }

    /// <summary>Takes a batch from the channel, if one waits.</summary>
    public bool TryTake(out T[] batch) => _batches.Reader.TryRead(out batch!);

    /// <summary>
    /// Waits, blocking the calling thread, for a batch for up to <paramref name="idle"/>; true when
    /// one was handed over (or <paramref name="stop"/> was cancelled), false when the delay passed
    /// without one.
    /// </summary>
    public bool Sleep(TimeSpan idle, CancellationToken stop)
    {
        Interlocked.Increment(ref _sleepers);
        try
        {
            // Counted as a sleeper before this last look, so that a batch handed over meanwhile is
            // either seen here or wakes this worker.
            if (_batches.Reader.Count > 0)
            {
                return true;
            }

            return _wake.Wait(idle, stop);
        }
        catch (OperationCanceledException)
        {
            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _sleepers);
        }
    }

    /// <summary>
    /// Takes what every lane holds (fewer than a batch each); with <paramref name="close"/>, the
    /// lanes then take nothing more: later offers are dropped.
    /// </summary>
    public List<T> Sweep(bool close)
    {
        var taken = new List<T>();
        foreach (var lane in _lanes)
        {
            lock (lane)
            {
                taken.AddRange(lane.Items.AsSpan(0, lane.Count));
                Array.Clear(lane.Items, 0, lane.Count);
                lane.Count = 0;
                lane.Closed |= close;
            }
        }

        return taken;
    }

    /// <summary>Hands no more batches over: workers take what the channel holds, then <see cref="Sweep"/> the lanes closed.</summary>
    public bool Close() => _batches.Writer.TryComplete();

    /// <summary>Items not yet decided: in the channel's batches (whole batches counted) and in the lanes.</summary>
    public int Pending()
    {
        var pending = _batches.Reader.Count * _batchSize;
        foreach (var lane in _lanes)
        {
            pending += Volatile.Read(ref lane.Count);
        }

        return pending;
    }

    private void HandOver(T[] batch)
    {
        if (_batches.Writer.TryWrite(batch))
        {
            Wake();
            return;
        }

        if (_fullMode == ShadowQueueFullMode.Wait)
        {
            // The host chose to wait rather than lose shadow decisions.
            try
            {
                _batches.Writer.WriteAsync(batch).AsTask().GetAwaiter().GetResult();
                Wake();
                return;
            }
            catch (ChannelClosedException)
            {
                // Stopping: fall through and count them.
            }
        }

        DropAll(batch);
    }

    // One read while every worker is awake (the usual case under traffic); a release once per
    // batch while one sleeps.
    private void Wake()
    {
        if (Volatile.Read(ref _sleepers) > 0 && _wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private void DropAll(T[] batch)
    {
        foreach (var item in batch)
        {
            _dropped(item);
        }
    }

    private static int LaneNumber()
    {
        var number = t_lane;
        if (number == 0)
        {
            number = t_lane = (Interlocked.Increment(ref s_lanesTaken) & 0x3FFF_FFFF) + 1;
        }

        return number;
    }

    private sealed class Lane(int size)
    {
        public T[] Items = new T[size];
        public int Count;
        public bool Closed;

        // The lane's batch, full; a fresh array takes its place (the worker owns the old one now).
        public T[] TakeAll(int size)
        {
            var full = Items;
            Items = new T[size];
            Count = 0;
            return full;
        }
    }
}
