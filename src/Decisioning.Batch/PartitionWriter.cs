using Decisioning.Files;
using Decisioning.Runtime;
using System.Buffers;
using System.Text.Json;
using Decisioning.Plan;
using Decisioning.Streaming;
using Decisioning.Serialization;

namespace Decisioning.Batch;

/// <summary>
/// The first half of a batch (spec section 7, <c>--partition I/N</c>): decides the partition's
/// customers on every core, allocates them within the partition, and writes to a folder
/// <list type="bullet">
/// <item><c>decisions.partial.jsonl</c>: a line record per customer of the partition, in input order;</item>
/// <item><c>candidates/&lt;channel&gt;.jsonl</c>: per channel, its candidates in allocation order:
/// for a capped channel only those the partition would give it (at most its capacity), for an
/// unlimited one all that reach it;</item>
/// <item><c>partition.json</c>, last (<see cref="PartitionManifest"/>).</item>
/// </list>
/// A candidate that a channel turns down within a partition is turned down over all partitions
/// too (more competition only ever pushes a candidate further down its chain), so these files are
/// all <see cref="PartitionMerger"/> needs. Memory is bounded by the capacities and
/// <see cref="BatchOptions.RunLength"/>, not by the population.
/// </summary>
internal static class PartitionWriter
{
    public const string DecisionsFile = "decisions.partial.jsonl";
    public const string CandidatesFolder = "candidates";

    public static string CandidatesFile(string folder, string channel) => CandidateFiles.PathOf(folder, channel);

    /// <summary>Runs partition <paramref name="partition"/> of <paramref name="lines"/> into <paramref name="folder"/>.</summary>
    public static PartitionManifest Write(DecisionPlan plan, IEnumerable<string> lines, DateTime at, PartitionSpec partition, string folder,
        BatchOptions? options = null, IBatchObserver? observer = null)
    {
        options ??= BatchOptions.Default;
        WorkFolders.CreateFolder(folder);
        WorkFolders.SweepStale(folder);
        WorkFolders.SweepStale(Path.Combine(folder, CandidatesFolder));
        File.Delete(Path.Combine(folder, PartitionManifest.FileName));
        var evaluator = new LineEvaluator(plan, at, partition, options.Customers, options.Tally);
        var allocator = new CapacityAllocator(plan.Channels
            .Where(c => c.CapacityPerDay is not null)
            .Select(c => KeyValuePair.Create(c.Id, c.CapacityPerDay!.Value)));
        var sortFolder = WorkFolders.Claim(folder, "sort");
        long read = 0, bytes = 0, customers = 0, errors = 0;
        try
        {
            using var settled = new ExternalSorter<BatchCandidate>(ByChannel, BatchJson.WriteCandidate, BatchJson.ReadCandidate, sortFolder, options.RunLength);
            using (var decisions = AtomicFile.Create(Path.Combine(folder, DecisionsFile)))
            {
                OrderedParallel.RunAsync(
                    Numbered(lines),
                    batch => Evaluate(evaluator, batch),
                    result =>
                    {
                        decisions.Stream.Write(result.Records.WrittenSpan);
                        result.Records.Dispose();
                        foreach (var candidate in result.Candidates)
                        {
                            if (allocator.Offer(candidate) is { Dropped: false } placement)
                            {
                                settled.Add(placement.Candidate with { Chain = [placement.Offer] });
                            }
                        }

                        read += result.Lines;
                        bytes += result.Bytes;
                        customers += result.Customers;
                        errors += result.Errors;
                        observer?.Deciding(new BatchProgress(read, bytes, customers, errors));
                    }).GetAwaiter().GetResult();
                decisions.Commit();
            }

            CandidateFiles.Write(plan, folder, allocator, Observed(settled.Sorted(), settled.Count, observer));
        }
        finally
        {
            WorkFolders.Release(sortFolder);
        }

        var manifest = new PartitionManifest(plan.MapId, plan.Version, Instant.Utc(at), partition, read, customers, errors,
            PartitionManifest.ChannelsOf(plan), PartitionManifest.StrategiesOf(plan));
        using (var file = AtomicFile.Create(Path.Combine(folder, PartitionManifest.FileName)))
        {
            using (var json = new Utf8JsonWriter(file.Stream, new JsonWriterOptions { Indented = true, Encoder = DecisionJson.WriterOptions.Encoder }))
            {
                manifest.Write(json);
            }

            file.Commit();
        }

        return manifest;
    }

    private static IEnumerable<BatchCandidate> Observed(IEnumerable<BatchCandidate> sorted, long total, IBatchObserver? observer)
    {
        long done = 0;
        foreach (var candidate in sorted)
        {
            if (++done % 4096 == 0)
            {
                observer?.Stage("ranking", done, total);
            }

            yield return candidate;
        }

        observer?.Stage("ranking", done, total);
    }

    // Settled candidates carry their channel first: sorted by channel, then in allocation order.
    private static readonly IComparer<BatchCandidate> ByChannel = Comparer<BatchCandidate>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.Chain[0].Channel, b.Chain[0].Channel);
        return c != 0 ? c : AllocationOrder.Instance.Compare(a, b);
    });

    private static IEnumerable<(long Line, string Text)> Numbered(IEnumerable<string> lines)
    {
        long line = 0;
        foreach (var text in lines)
        {
            yield return (line++, text);
        }
    }

    private sealed record Evaluated(PooledBuffer Records, List<BatchCandidate> Candidates, int Lines, long Bytes, int Customers, int Errors);

    private static Evaluated Evaluate(LineEvaluator evaluator, (long Line, string Text)[] batch)
    {
        var buffer = new PooledBuffer(batch.Length * 3072);
        var candidates = new List<BatchCandidate>(batch.Length * 2);
        int customers = 0, errors = 0;
        long bytes = 0;
        using var json = new Utf8JsonWriter(buffer, DecisionJson.WriterOptions);
        foreach (var (line, text) in batch)
        {
            bytes += JsonLines.Utf8.GetByteCount(text) + 1;
            json.Reset(buffer);
            var outcome = evaluator.Evaluate(line, text, json, candidates);
            if (outcome == LineEvaluator.Outcome.OtherPartition)
            {
                continue;
            }

            json.Flush();
            buffer.Write("\n"u8);
            customers += outcome == LineEvaluator.Outcome.Decided ? 1 : 0;
            errors += outcome == LineEvaluator.Outcome.Error ? 1 : 0;
        }

        return new Evaluated(buffer, candidates, batch.Length, bytes, customers, errors);
    }
}
