using Decisioning.Files;
using Decisioning.Plan;

namespace Decisioning.Batch;

/// <summary>
/// A partition's <c>candidates/&lt;channel&gt;.jsonl</c>: for a capped channel, the candidates it
/// holds within the partition, each with the rest of its chain; for an unlimited channel, every
/// candidate that reached it. All in allocation order, one file per channel of the map.
/// </summary>
internal static class CandidateFiles
{
    public static string PathOf(string folder, string channel) => Path.Combine(folder, PartitionWriter.CandidatesFolder, channel + ".jsonl");

    public static void Write(DecisionPlan plan, string folder, CapacityAllocator allocator, IEnumerable<BatchCandidate> settled)
    {
        foreach (var channel in plan.Channels.Where(c => allocator.IsCapped(c.Id)))
        {
            WriteFile(folder, channel.Id, allocator.Held(channel.Id).Select(p => p.Candidate with { Chain = [.. p.Candidate.Chain.Skip(p.ChainIndex)] }));
        }

        // One pass over the sorted settled candidates, channel after channel; an empty file for
        // every unlimited channel that nobody reached.
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in Runs(settled))
        {
            WriteFile(folder, group.Channel, group.Items);
            written.Add(group.Channel);
        }

        foreach (var channel in plan.Channels.Where(c => !allocator.IsCapped(c.Id) && !written.Contains(c.Id)))
        {
            WriteFile(folder, channel.Id, []);
        }
    }

    private static void WriteFile(string folder, string channel, IEnumerable<BatchCandidate> candidates)
    {
        using var file = AtomicFile.Create(PathOf(folder, channel));
        var writer = new JsonLinesWriter(file.Stream);
        foreach (var candidate in candidates)
        {
            writer.Write(BatchJson.WriteCandidate, candidate);
        }

        file.Commit();
    }

    // Splits a sequence sorted by channel into one lazy run per channel (each consumed before the next).
    private static IEnumerable<(string Channel, IEnumerable<BatchCandidate> Items)> Runs(IEnumerable<BatchCandidate> sorted)
    {
        using var e = sorted.GetEnumerator();
        var more = e.MoveNext();
        while (more)
        {
            var channel = e.Current.Chain[0].Channel;
            yield return (channel, Run());

            IEnumerable<BatchCandidate> Run()
            {
                while (more && e.Current.Chain[0].Channel == channel)
                {
                    yield return e.Current;
                    more = e.MoveNext();
                }
            }
        }
    }
}
