using System.Threading.Channels;

namespace Decisioning.Streaming;

/// <summary>
/// Processes a stream of items in batches on every core while keeping the input order, in
/// bounded memory: at most <c>2 x cores</c> batches are in flight, whatever the input's length.
/// </summary>
internal static class OrderedParallel
{
    public const int BatchSize = 512;

    public static Task RunAsync<TIn, TOut>(
        IEnumerable<TIn> input,
        Func<TIn[], TOut> process,
        Action<TOut> consume,
        int? maxInFlight = null,
        CancellationToken cancellation = default) =>
        RunBatchesAsync(input.Chunk(BatchSize), process, consume, maxInFlight, cancellation);

    /// <summary>
    /// As <see cref="RunAsync{TIn, TOut}"/>, over batches the caller has already cut (for example
    /// <see cref="LineBatch"/>es of bytes): each is processed on the thread pool, and the results
    /// consumed on the calling thread in the order of the batches.
    /// </summary>
    public static async Task RunBatchesAsync<TBatch, TOut>(
        IEnumerable<TBatch> batches,
        Func<TBatch, TOut> process,
        Action<TOut> consume,
        int? maxInFlight = null,
        CancellationToken cancellation = default)
    {
        var inFlight = maxInFlight ?? Math.Max(2, 2 * Environment.ProcessorCount);
        var queue = Channel.CreateBounded<Task<TOut>>(new BoundedChannelOptions(inFlight) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in batches)
                {
                    var work = Task.Run(() => process(batch), cancellation);
                    await queue.Writer.WriteAsync(work, cancellation).ConfigureAwait(false);
                }

                queue.Writer.Complete();
            }
            catch (Exception e)
            {
                queue.Writer.Complete(e);
            }
        }, cancellation);

        await foreach (var work in queue.Reader.ReadAllAsync(cancellation).ConfigureAwait(false))
        {
            consume(await work.ConfigureAwait(false));
        }

        await producer.ConfigureAwait(false);
    }

    /// <summary>
    /// The longest snapshot line kept whole: 16 MiB. A longer line is cut one byte past it (one
    /// character for <see cref="Lines"/>; the rest of it read and dropped), so that a file without line breaks (<c>/dev/zero</c>, a
    /// multi-gigabyte dump) cannot exhaust memory; the snapshot reader then refuses it as that
    /// customer's <c>invalid-json</c> record and the next line goes on.
    /// </summary>
    public const int MaxLineLength = 16 * 1024 * 1024;

    /// <summary>
    /// The lines of a text reader, lazily: split at <c>\n</c>, a trailing <c>\r</c> dropped (CRLF),
    /// the BOM handled by the reader; each at most <see cref="MaxLineLength"/> + 1 characters.
    /// </summary>
    public static IEnumerable<string> Lines(TextReader reader)
    {
        var buffer = new char[1 << 16];
        var line = new System.Text.StringBuilder();
        var cut = false;
        int count;
        while ((count = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            while (start <= count)
            {
                var newline = start < count ? Array.IndexOf(buffer, '\n', start, count - start) : -1;
                var end = newline < 0 ? count : newline;
                if (newline >= 0 && line.Length == 0 && !cut && end - start <= MaxLineLength)
                {
                    // The common case: a whole line inside the buffer, made into a string at once.
                    var length = end > start && buffer[end - 1] == '\r' ? end - start - 1 : end - start;
                    yield return new string(buffer, start, length);
                    start = newline + 1;
                    continue;
                }

                if (!cut)
                {
                    var take = Math.Min(end - start, MaxLineLength + 1 - line.Length);
                    line.Append(buffer, start, take);
                    cut = line.Length > MaxLineLength;
                }

                if (newline < 0)
                {
                    break;
                }

                yield return Take(line);
                cut = false;
                start = newline + 1;
            }
        }

        if (line.Length > 0)
        {
            yield return Take(line);
        }
    }

    private static string Take(System.Text.StringBuilder line)
    {
        var length = line.Length > 0 && line[^1] == '\r' ? line.Length - 1 : line.Length;
        var text = line.ToString(0, length);
        line.Clear();
        return text;
    }
}
