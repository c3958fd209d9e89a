using System.Runtime.InteropServices;

namespace Decisioning.Hosting;

/// <summary>
/// The shadow's bounded queue: a ring of cells, each with a sequence number that says whether it
/// holds an item for the reader or room for a writer (the bounded queue of Dmitry Vyukov). Writers
/// and readers claim positions with one compare-and-swap each and never take a lock.
/// </summary>
/// <remarks>
/// The served path writes here on every decision while a worker on another core reads. The bounded
/// channel this replaces took a lock around every write and every read, and its reader's count,
/// which the worker looks at while it waits for work, took the same lock: each look took the lock's
/// memory from the caller's core and each write took it back, so the caller waited on the other
/// core for every served decision. Here a waiting worker only reads the next cell's sequence, which
/// the writer changes once, when it fills the cell.
/// </remarks>
internal sealed class ShadowQueue<T>
{
    private readonly Cell[] _cells;
    private readonly int _capacity;
    // The ring's length: at least two cells, since with one a full cell and an empty one of the
    // next lap carry the same sequence number.
    private readonly int _length;
    private Position _write;
    private Position _read;
    private int _completed;

    public ShadowQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _length = Math.Max(2, capacity);
        _cells = new Cell[_length];
        for (var i = 0; i < _length; i++)
        {
            _cells[i].Sequence = i;
        }
    }

    /// <summary>How many items wait, at the moment of the call (approximate while others write or read).</summary>
    public int Count => (int)Math.Clamp(Volatile.Read(ref _write.Value) - Volatile.Read(ref _read.Value), 0, _capacity);

    /// <summary>Whether the next item is ready for a reader: what a waiting reader looks at.</summary>
    public bool HasItem
    {
        get
        {
            var position = Volatile.Read(ref _read.Value);
            return Volatile.Read(ref _cells[position % _length].Sequence) == position + 1;
        }
    }

    /// <summary>No more writes are taken; what is queued can still be read.</summary>
    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>Refuses every later write; false when an earlier call did.</summary>
    public bool Complete() => Interlocked.Exchange(ref _completed, 1) == 0;

    /// <summary>Queues <paramref name="item"/>; false when the queue is full or completed.</summary>
    public bool TryWrite(T item)
    {
        if (IsCompleted)
        {
            return false;
        }

        var position = Volatile.Read(ref _write.Value);
        while (true)
        {
            if (_capacity < _length && position - Volatile.Read(ref _read.Value) >= _capacity)
            {
                return false;
            }

            ref var cell = ref _cells[position % _length];
            var ahead = Volatile.Read(ref cell.Sequence) - position;
            if (ahead == 0)
            {
                var seen = Interlocked.CompareExchange(ref _write.Value, position + 1, position);
                if (seen == position)
                {
                    cell.Item = item;
                    // Published after the item: a reader that sees the sequence sees the item.
                    Volatile.Write(ref cell.Sequence, position + 1);
                    return true;
                }

                position = seen;
            }
            else if (ahead < 0)
            {
                // The cell still holds the item of one lap ago: full.
                return false;
            }
            else
            {
                position = Volatile.Read(ref _write.Value);
            }
        }
    }

    /// <summary>Takes the oldest item; false when the queue is empty.</summary>
    public bool TryRead(out T item)
    {
        var position = Volatile.Read(ref _read.Value);
        while (true)
        {
            ref var cell = ref _cells[position % _length];
            var ahead = Volatile.Read(ref cell.Sequence) - (position + 1);
            if (ahead == 0)
            {
                var seen = Interlocked.CompareExchange(ref _read.Value, position + 1, position);
                if (seen == position)
                {
                    item = cell.Item;
                    // Cleared so that the queue does not keep a served decision alive.
                    cell.Item = default!;
                    Volatile.Write(ref cell.Sequence, position + _length);
                    return true;
                }

                position = seen;
            }
            else if (ahead < 0)
            {
                item = default!;
                return false;
            }
            else
            {
                position = Volatile.Read(ref _read.Value);
            }
        }
    }

    private struct Cell
    {
        public long Sequence;
        public T Item;
    }
}

// The writers' and the readers' positions of a ShadowQueue, each on a cache line of its own, so
// that a write does not take the readers' position from the other core, nor a read the writers'.
// (Outside the generic queue: a generic type cannot have an explicit layout.)
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct Position
{
    [FieldOffset(64)]
    public long Value;
}
