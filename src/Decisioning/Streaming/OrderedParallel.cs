using Decisioning.Files;
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
    /// The longest snapshot line kept whole: 16 MiB. A longer line is cut one byte past it (the rest of it read
    /// and dropped), so that a file without line breaks (<c>/dev/zero</c>, a
    /// multi-gigabyte dump) cannot exhaust memory; the snapshot reader then refuses it as that
    /// customer's <c>invalid-json</c> record and the next line goes on.
    /// </summary>
    public const int MaxLineLength = Files.Utf8LineReader.MaxRecordLength;

    /// <summary>
    /// The lines of <paramref name="input"/> as text, lazily, read by the product's one line reader
    /// (<see cref="Utf8LineReader"/>: split at <c>\n</c>, a trailing <c>\r</c> dropped, a byte order
    /// mark honoured, bytes that are not UTF-8 read as U+FFFD); each at most
    /// <see cref="MaxLineLength"/> + 1 bytes.
    /// </summary>
    public static IEnumerable<string> Lines(Stream input)
    {
        var reader = new Utf8LineReader(input, MaxLineLength);
        while (Next(reader) is { } line)
        {
            yield return line;
        }
    }

    private static string? Next(Utf8LineReader reader) =>
        reader.TryReadLine(out var line) ? System.Text.Encoding.UTF8.GetString(line) : null;
}
