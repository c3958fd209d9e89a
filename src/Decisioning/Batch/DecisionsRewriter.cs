using System.Buffers;
using System.Text.Json;
using Decisioning.Evaluation;
using Decisioning.Streaming;

namespace Decisioning.Batch;

/// <summary>
/// Writes <c>decisions.jsonl</c> at the end of a merge: the partitions' line records merged back
/// into input order, each decision rewritten as allocated (<see cref="AllocatedDecisionWriter"/>)
/// on every core, its actions placed by the final <see cref="AllocationThresholds"/>; the summary
/// counts are taken in order as the lines are written.
/// </summary>
internal static class DecisionsRewriter
{
    public static BatchSummary Write(PartitionManifest run, IReadOnlyList<string> partitions, string path, AllocationThresholds thresholds,
        IBatchObserver? observer)
    {
        var summary = new BatchSummary(run);
        var sources = partitions.Select(folder => JsonLines.ReadUtf8(Path.Combine(folder, PartitionWriter.DecisionsFile)).Select(Numbered)).ToList();
        var records = SortedMerge.Merge(sources, Comparer<(long Line, byte[] Record)>.Create((a, b) => a.Line.CompareTo(b.Line)));
        using var file = AtomicFile.Create(path);
        long written = 0;
        OrderedParallel.RunAsync(
            records.Select(r => r.Record),
            batch => Rewrite(batch, thresholds),
            result =>
            {
                file.Stream.Write(result.Json.WrittenSpan);
                result.Json.Dispose();
                foreach (var placements in result.Decisions)
                {
                    summary.CountCustomer(error: placements is null);
                    foreach (var placement in placements ?? [])
                    {
                        summary.Count(placement);
                    }
                }

                written += result.Decisions.Count;
                observer?.Stage("writing", written, run.Customers + run.Errors);
            }).GetAwaiter().GetResult();
        file.Commit();
        return summary;
    }

    // Per record: the allocated decision's JSON, and its placements (null for an error record).
    private sealed record Rewritten(PooledBuffer Json, List<List<Placement>?> Decisions);

    private static Rewritten Rewrite(byte[][] records, AllocationThresholds thresholds)
    {
        var buffer = new PooledBuffer(records.Sum(r => r.Length) + records.Length * 64);
        var decisions = new List<List<Placement>?>(records.Length);
        using var json = new Utf8JsonWriter(buffer, DecisionJson.WriterOptions);
        foreach (var bytes in records)
        {
            using var document = JsonDocument.Parse(bytes);
            var record = document.RootElement;
            var decision = record.GetProperty("decision");
            json.Reset(buffer);
            if (decision.TryGetProperty("error", out _))
            {
                decision.WriteTo(json);
                decisions.Add(null);
            }
            else
            {
                var placements = BatchJson.ReadCandidates(record).Select(thresholds.Place).ToList();
                AllocatedDecisionWriter.Write(json, decision, placements);
                decisions.Add(placements);
            }

            json.Flush();
            buffer.Write("\n"u8);
        }

        return new Rewritten(buffer, decisions);
    }

    // A line record starts with its line number: read just that to order the records.
    private static (long Line, byte[] Record) Numbered(byte[] record)
    {
        var reader = new Utf8JsonReader(record.AsSpan(0, Math.Min(record.Length, 64)), isFinalBlock: false, state: default);
        reader.Read();
        reader.Read();
        reader.Read();
        return (reader.GetInt64(), record);
    }
}
