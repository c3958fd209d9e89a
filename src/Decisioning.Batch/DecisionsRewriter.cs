using System.Buffers;
using System.Text.Json;
using Decisioning.Files;
using Decisioning.Streaming;
using Decisioning.Serialization;

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
        Action<BatchCandidate> check, IBatchObserver? observer)
    {
        var summary = new BatchSummary(run);
        var sources = partitions.Select(folder =>
        {
            var file = Path.Combine(folder, PartitionWriter.DecisionsFile);
            return JsonLines.ReadUtf8(file).Select((record, i) => Numbered(file, i + 1, record));
        }).ToList();
        var records = SortedMerge.Merge(sources, Comparer<(long Line, (string, long, byte[]) Record)>.Create((a, b) => a.Line.CompareTo(b.Line)));
        using var file = AtomicFile.Create(path);
        long written = 0;
        OrderedParallel.RunAsync(
            records.Select(r => r.Record),
            batch => Rewrite(batch, thresholds, check),
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

    private static Rewritten Rewrite((string File, long Record, byte[] Bytes)[] records, AllocationThresholds thresholds, Action<BatchCandidate> check)
    {
        var buffer = new PooledBuffer(records.Sum(r => r.Bytes.Length) + records.Length * 64);
        var decisions = new List<List<Placement>?>(records.Length);
        using var json = new Utf8JsonWriter(buffer, DecisionJson.WriterOptions);
        foreach (var (file, number, bytes) in records)
        {
            try
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
                    var candidates = BatchJson.ReadCandidates(record);
                    candidates.ForEach(check);
                    var placements = candidates.Select(thresholds.Place).ToList();
                    AllocatedDecisionWriter.Write(json, decision, placements);
                    decisions.Add(placements);
                }

                json.Flush();
            }
            catch (Exception e) when (JsonLines.IsMalformed(e))
            {
                throw JsonLines.Malformed(file, number, e);
            }

            buffer.Write("\n"u8);
        }

        return new Rewritten(buffer, decisions);
    }

    // A line record starts with its line number: read just that to order the records.
    private static (long Line, (string, long, byte[]) Record) Numbered(string file, long number, byte[] record)
    {
        try
        {
            var reader = new Utf8JsonReader(record.AsSpan(0, Math.Min(record.Length, 64)), isFinalBlock: false, state: default);
            reader.Read();
            reader.Read();
            reader.Read();
            return (reader.GetInt64(), (file, number, record));
        }
        catch (Exception e) when (JsonLines.IsMalformed(e))
        {
            throw JsonLines.Malformed(file, number, e);
        }
    }
}
