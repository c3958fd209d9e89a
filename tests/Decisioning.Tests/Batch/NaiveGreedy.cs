using Decisioning.Batch;

namespace Decisioning.Tests.Batch;

/// <summary>
/// Spec section 7 read literally, as the reference for the bounded allocator: every candidate
/// sorted by score descending, customer id (ordinal), rank (and input line), then, one after the
/// other, the first channel of its chain with capacity left; an unlimited channel always has room.
/// </summary>
internal static class NaiveGreedy
{
    /// <summary>Each candidate's chain index, or -1 when dropped, in allocation order.</summary>
    public static List<(BatchCandidate Candidate, int ChainIndex)> Allocate(IEnumerable<BatchCandidate> candidates, IReadOnlyDictionary<string, long> capacities)
    {
        var left = capacities.ToDictionary(p => p.Key, p => p.Value);
        var result = new List<(BatchCandidate, int)>();
        var ordered = candidates
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.CustomerId, StringComparer.Ordinal)
            .ThenBy(c => c.Rank)
            .ThenBy(c => c.Line);
        foreach (var candidate in ordered)
        {
            var taken = -1;
            for (var i = 0; i < candidate.Chain.Count && taken < 0; i++)
            {
                var channel = candidate.Chain[i].Channel;
                if (!left.TryGetValue(channel, out var room))
                {
                    taken = i;
                }
                else if (room > 0)
                {
                    left[channel] = room - 1;
                    taken = i;
                }
            }

            result.Add((candidate, taken));
        }

        return result;
    }
}
