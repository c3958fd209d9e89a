using Decisioning.Files;
using System.Collections.Concurrent;

namespace Decisioning.Streaming;

/// <summary>
/// Up to <see cref="OrderedParallel.BatchSize"/> lines of a UTF-8 stream copied end to end into one
/// reusable array: what <see cref="OrderedParallel"/> hands a worker, without a string or an
/// array per line. A batch is reused once its lines are decided (<see cref="Pool"/>).
/// </summary>
internal sealed class LineBatch
{
    private byte[] _bytes = new byte[256 * 1024];
    private readonly int[] _ends = new int[OrderedParallel.BatchSize];

    /// <summary>How many lines the batch holds.</summary>
    public int Count { get; private set; }

    /// <summary>Line <paramref name="index"/>, without its newline.</summary>
    public ReadOnlySpan<byte> this[int index] =>
        _bytes.AsSpan(index == 0 ? 0 : _ends[index - 1], _ends[index] - (index == 0 ? 0 : _ends[index - 1]));

    /// <summary>
    /// Line <paramref name="index"/> as text: itself when it is UTF-8, else with each invalid
    /// sequence replaced by U+FFFD, as a <see cref="StreamReader"/> reads it.
    /// </summary>
    public ReadOnlySpan<byte> Text(int index) => Utf8LineReader.AsText(this[index]);

    private bool Full => Count == _ends.Length;

    private void Add(ReadOnlySpan<byte> line)
    {
        var at = Count == 0 ? 0 : _ends[Count - 1];
        if (_bytes.Length - at < line.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, at + line.Length));
        }

        line.CopyTo(_bytes.AsSpan(at));
        _ends[Count++] = at + line.Length;
    }

    /// <summary>
    /// The lines of <paramref name="input"/> (<see cref="Utf8LineReader"/>: <c>\n</c> or <c>\r\n</c>, a
    /// byte order mark dropped, a line longer than <see cref="OrderedParallel.MaxLineLength"/> cut
    /// one byte past it) in batches, lazily; each batch comes from <paramref name="pool"/> when it
    /// holds one (its consumer puts it back when done), else is new.
    /// </summary>
    public static IEnumerable<LineBatch> Read(Stream input, Pool pool)
    {
        var reader = new Utf8LineReader(input, OrderedParallel.MaxLineLength);
        var batch = pool.Take();
        while (reader.TryReadLine(out var line))
        {
            batch.Add(line);
            if (batch.Full)
            {
                yield return batch;
                batch = pool.Take();
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>Batches whose lines were decided, ready to be filled again.</summary>
    public sealed class Pool
    {
        private readonly ConcurrentBag<LineBatch> _free = [];

        /// <summary>An empty batch.</summary>
        public LineBatch Take()
        {
            if (!_free.TryTake(out var batch))
            {
                return new LineBatch();
            }

            batch.Count = 0;
            return batch;
        }

        /// <summary>Puts back a batch no one reads any more.</summary>
        public void Return(LineBatch batch) => _free.Add(batch);
    }
}
