using Decisioning.Batch;

namespace Decisioning.Tests.Batch;

/// <summary>
/// A random allocation problem: a few channels, some capped (capacity 0 included), and customers
/// with one to three ranked actions whose chains are random ordered subsets of the channels.
/// Scores come from a small set and ids from a small pool (with duplicates, and ids that order
/// differently by ordinal and by culture), so that every tie-break is exercised.
/// </summary>
internal sealed record AllocationInstance(IReadOnlyDictionary<string, long> Capacities, IReadOnlyList<BatchCandidate> Candidates)
{
    private static readonly string[] Ids = ["C1", "C2", "C10", "c1", "Z9", "a", "É", "C1"];
    private static readonly double[] Scores = [0.5, 1, 1, 2, 3.25, 7, 0];

    public static AllocationInstance Random(int seed)
    {
        var random = new Random(seed);
        var channels = Enumerable.Range(0, random.Next(1, 6)).Select(i => $"ch{i}").ToArray();
        var capacities = channels.Where(_ => random.NextDouble() < 0.7).ToDictionary(c => c, _ => (long)random.Next(0, 7));
        var candidates = new List<BatchCandidate>();
        var lines = random.Next(0, 40);
        for (var line = 0; line < lines; line++)
        {
            var id = Ids[random.Next(Ids.Length)];
            var actions = random.Next(1, 4);
            for (var rank = 1; rank <= actions; rank++)
            {
                var chain = channels.OrderBy(_ => random.Next()).Take(random.Next(1, channels.Length + 1))
                    .Select(c => new ChannelOffer(c, $"{c}:{id}:{rank}")).ToArray();
                candidates.Add(new BatchCandidate(line, id, rank, Scores[random.Next(Scores.Length)], $"s{rank}", "p", chain));
            }
        }

        return new AllocationInstance(capacities, candidates);
    }

    public List<BatchCandidate> Shuffled(int seed)
    {
        var random = new Random(seed ^ 0x5eed);
        return [.. Candidates.OrderBy(_ => random.Next())];
    }
}
