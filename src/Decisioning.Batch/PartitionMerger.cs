using System.Globalization;
using System.Text.Json;
using Decisioning.Files;
using Decisioning.Serialization;

namespace Decisioning.Batch;

/// <summary>
/// The second half of a batch (<c>batch-merge</c>, spec section 7): allocates over the candidates
/// of every partition and writes the target lists, <c>decisions.jsonl</c> and <c>summary.json</c>,
/// exactly as one run over all customers would. Reads only what <see cref="PartitionWriter"/> wrote;
/// memory is bounded by the capacities times the number of partitions.
/// </summary>
internal static class PartitionMerger
{
    public const string DecisionsFile = "decisions.jsonl";

    // How many missing partitions an error names.
    private const int MissingNamed = 10;

    /// <summary>
    /// Merges <paramref name="partitions"/> (folders) into <paramref name="output"/>. Throws
    /// <see cref="InvalidDataException"/> before writing anything when the folders are not the
    /// partitions 0..N-1 of one run. <paramref name="observer"/> is told of the <c>listing</c> and
    /// <c>writing</c> stages.
    /// </summary>
    public static BatchSummary Merge(IReadOnlyList<string> partitions, string output, IBatchObserver? observer = null)
    {
        var run = Check(ref partitions);
        var check = run.CandidateCheck();
        BatchCandidate Read(JsonElement e)
        {
            var candidate = BatchJson.ReadCandidate(e);
            check(candidate);
            return candidate;
        }

        var allocator = new CapacityAllocator(run.Channels
            .Where(c => c.Capacity is not null)
            .Select(c => KeyValuePair.Create(c.Id, c.Capacity!.Value)));

        // Each partition's holders of a capped channel start from it; those turned down now and
        // reaching an unlimited channel join that channel's list.
        var reached = new Dictionary<string, List<BatchCandidate>>(StringComparer.Ordinal);
        foreach (var channel in run.Channels.Where(c => c.Capacity is not null))
        {
            foreach (var folder in partitions)
            {
                foreach (var candidate in JsonLines.Read(PartitionWriter.CandidatesFile(folder, channel.Id), Read))
                {
                    if (allocator.Offer(candidate) is { Dropped: false } settled)
                    {
                        Add(reached, settled.Offer.Channel, settled.Candidate with { Chain = [settled.Offer] });
                    }
                }
            }
        }

        Directory.CreateDirectory(output);
        WorkFolders.SweepStale(output);
        // summary.json is written last: removed first (the lists it names stay known as the batch's),
        // its presence says the folder is complete.
        var owned = OwnedOutput.Begin(output, OwnedOutput.FilesOf(run));
        File.Delete(Path.Combine(output, BatchSummary.FileName));
        BatchSummary summary;
        try
        {
            var listed = WriteLists(run, partitions, output, allocator, reached, Read, observer);
            summary = DecisionsRewriter.Write(run, partitions, Path.Combine(output, DecisionsFile), allocator.Thresholds(), check, observer);
            foreach (var ((strategy, channel), count) in listed)
            {
                if (summary.AllocatedTo(strategy, channel) != count)
                {
                    // Partitions written by batch always agree; files edited since do not.
                    throw new InvalidDataException(
                        $"the partitions disagree: {TargetListWriter.FileName(strategy, channel)} has {count} rows but their decisions allocate {summary.AllocatedTo(strategy, channel)} (was a partition file altered?)");
                }
            }

            using (var file = AtomicFile.Create(Path.Combine(output, BatchSummary.FileName)))
            {
                using (var json = new Utf8JsonWriter(file.Stream, new JsonWriterOptions { Indented = true, Encoder = DecisionJson.WriterOptions.Encoder }))
                {
                    summary.Write(json);
                }

                file.Commit();
            }
        }
        catch
        {
            // Never half a run beside another's summary: the lists written so far go too.
            owned.Abandon();
            throw;
        }

        owned.Finish();
        return summary;
    }

    // Checks the folders and orders them by partition index, so that the result does not depend
    // on the order they were given in.
    private static PartitionManifest Check(ref IReadOnlyList<string> partitions)
    {
        if (partitions.Count == 0)
        {
            throw new InvalidDataException("no partition folder given");
        }

        var manifests = partitions.Select(PartitionManifest.Read).ToList();
        var first = manifests[0];
        for (var i = 1; i < manifests.Count; i++)
        {
            if (!manifests[i].SameRunAs(first))
            {
                throw new InvalidDataException(
                    $"'{partitions[i]}' is not from the same run as '{partitions[0]}' (map, version, --at, partition count, channels and strategies must agree)");
            }
        }

        var seen = manifests.Select(m => m.Partition.Index).ToHashSet();
        if (manifests.Count != first.Partition.Count || seen.Count != first.Partition.Count)
        {
            // The first few only: a run of --partition 0/2147483647 listed two billion and ran out of memory.
            var count = first.Partition.Count;
            var absent = count - seen.Count;
            var missing = Enumerable.Range(0, count).Where(i => !seen.Contains(i)).Take(MissingNamed).Select(i => $"{i}/{count}");
            var more = absent > MissingNamed ? $" and {(absent - MissingNamed).ToString("N0", CultureInfo.InvariantCulture)} more" : "";
            throw new InvalidDataException(
                $"expected each of the {count} partitions once, got {manifests.Count} folders; missing: {string.Join(", ", missing)}{more}");
        }

        foreach (var folder in partitions)
        {
            var expected = ExpectedFiles(folder, first);
            if (expected.FirstOrDefault(f => !File.Exists(f)) is { } lost)
            {
                throw new InvalidDataException($"'{folder}' is incomplete: {lost} is missing");
            }
        }

        var folders = partitions;
        partitions = [.. Enumerable.Range(0, manifests.Count).OrderBy(i => manifests[i].Partition.Index).Select(i => folders[i])];
        return first with
        {
            Customers = manifests.Sum(m => m.Customers),
            Errors = manifests.Sum(m => m.Errors),
        };
    }

    private static IEnumerable<string> ExpectedFiles(string folder, PartitionManifest run) =>
        run.Channels.Select(c => PartitionWriter.CandidatesFile(folder, c.Id)).Prepend(Path.Combine(folder, PartitionWriter.DecisionsFile));

    // The target lists, channel after channel, each row in allocation order; returns rows per list.
    private static Dictionary<(string Strategy, string Channel), long> WriteLists(PartitionManifest run, IReadOnlyList<string> partitions,
        string output, CapacityAllocator allocator, Dictionary<string, List<BatchCandidate>> reached, Func<JsonElement, BatchCandidate> read,
        IBatchObserver? observer)
    {
        var counts = new Dictionary<(string, string), long>();
        long rows = 0;
        foreach (var channel in run.Channels)
        {
            var writers = run.Strategies.Where(s => s.Channels.Contains(channel.Id))
                .ToDictionary(s => s.Id, s => new TargetListWriter(output, s.Id, channel.Id), StringComparer.Ordinal);
            try
            {
                foreach (var (candidate, offer) in Rows(channel, partitions, allocator, reached, read))
                {
                    writers[candidate.Strategy].Write(candidate, offer);
                    if (++rows % 4096 == 0)
                    {
                        observer?.Stage("listing", rows, null);
                    }
                }

                foreach (var (strategy, writer) in writers)
                {
                    writer.Commit();
                    counts[(strategy, channel.Id)] = writer.Count;
                }
            }
            finally
            {
                foreach (var writer in writers.Values)
                {
                    writer.Dispose();
                }
            }
        }

        observer?.Stage("listing", rows, rows);
        return counts;
    }

    private static IEnumerable<(BatchCandidate, ChannelOffer)> Rows(BatchChannel channel, IReadOnlyList<string> partitions,
        CapacityAllocator allocator, Dictionary<string, List<BatchCandidate>> reached, Func<JsonElement, BatchCandidate> read)
    {
        if (channel.Capacity is not null)
        {
            return allocator.Held(channel.Id).Select(p => (p.Candidate, p.Offer));
        }

        var sources = partitions.Select(folder => JsonLines.Read(PartitionWriter.CandidatesFile(folder, channel.Id), read)).ToList();
        if (reached.TryGetValue(channel.Id, out var late))
        {
            late.Sort(AllocationOrder.Instance);
            sources.Add(late);
        }

        return SortedMerge.Merge(sources, AllocationOrder.Instance).Select(c => (c, c.Chain[0]));
    }

    private static void Add(Dictionary<string, List<BatchCandidate>> lists, string key, BatchCandidate value)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }

        list.Add(value);
    }
}
