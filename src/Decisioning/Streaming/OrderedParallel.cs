using System.Threading.Channels;

namespace Decisioning.Streaming;

/// <summary>
/// Processes a stream of items in batches on every core while keeping the input order, in
/// bounded memory: at most <c>2 x cores</c> batches are in flight, whatever the input's length.
/// </summary>
public static class OrderedParallel
{
    public const int BatchSize = 512;

    public static async Task RunAsync<TIn, TOut>(
        IEnumerable<TIn> input,
        Func<TIn[], TOut> process,
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
                foreach (var batch in input.Chunk(BatchSize))
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

    /// <summary>The lines of a text reader, lazily, CRLF and BOM handled by the reader.</summary>
    public static IEnumerable<string> Lines(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
