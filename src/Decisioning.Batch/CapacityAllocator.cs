namespace Decisioning.Batch;

/// <summary>
/// Allocation under channel capacity (spec section 7) in memory bounded by the capacities: each
/// capped channel keeps only the candidates it holds now, at most its capacity, in a heap whose
/// top is the worst. Candidates may be offered in any order.
/// </summary>
/// <remarks>
/// This is deferred acceptance (Gale-Shapley, candidates proposing down their chains). When every
/// channel ranks candidates by the same order (<see cref="AllocationOrder"/>), the stable
/// allocation is unique and equals the serial greedy of spec section 7 (best candidate first,
/// each taking the first channel of its chain with room), so the result does not depend on the
/// order of the offers. Property tests check it against the naive greedy. A channel without
/// capacity is unlimited: a candidate reaching it takes it, and is never held here.
/// Not thread-safe.
/// </remarks>
internal sealed class CapacityAllocator
{
    private readonly Dictionary<string, Slots> _capped = new(StringComparer.Ordinal);

    /// <param name="capacities">The capped channels and their capacity per day; others are unlimited.</param>
    public CapacityAllocator(IEnumerable<KeyValuePair<string, long>> capacities)
    {
        foreach (var (channel, capacity) in capacities)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(capacity);
            _capped.Add(channel, new Slots((int)Math.Min(capacity, int.MaxValue)));
        }
    }

    public bool IsCapped(string channel) => _capped.ContainsKey(channel);

    /// <summary>
    /// Offers <paramref name="candidate"/> from the channel at <paramref name="from"/> in its chain.
    /// Returns the one placement this made final, if any: a candidate (this one, or one it
    /// displaced) reaching an unlimited channel, or dropped. Null when every candidate involved is
    /// now held by a capped channel; a held candidate may still be displaced by a later offer.
    /// </summary>
    public Placement? Offer(BatchCandidate candidate, int from = 0)
    {
        var current = candidate;
        var index = from;
        while (true)
        {
            if (index >= current.Chain.Count)
            {
                return new Placement(current, Placement.DroppedIndex);
            }

            if (!_capped.TryGetValue(current.Chain[index].Channel, out var slots))
            {
                return new Placement(current, index);
            }

            if (slots.Heap.Count < slots.Capacity)
            {
                slots.Heap.Enqueue(new Placement(current, index), current);
                return null;
            }

            if (slots.Capacity == 0 || AllocationOrder.Instance.Compare(current, slots.Heap.Peek().Candidate) > 0)
            {
                // Full of better candidates: try the next channel of the chain.
                index++;
                continue;
            }

            // Invariant: a displaced candidate was rejected by no channel before its own, so it
            // goes on from the channel after the one that held it.
            var displaced = slots.Heap.DequeueEnqueue(new Placement(current, index), current);
            current = displaced.Candidate;
            index = displaced.ChainIndex + 1;
        }
    }

    /// <summary>The candidates a capped channel holds, in allocation order.</summary>
    public IReadOnlyList<Placement> Held(string channel)
    {
        var held = _capped[channel].Heap.UnorderedItems.Select(item => item.Element).ToList();
        held.Sort((a, b) => AllocationOrder.Instance.Compare(a.Candidate, b.Candidate));
        return held;
    }

    /// <summary>The state of every capped channel now, which places any candidate (see <see cref="AllocationThresholds"/>).</summary>
    public AllocationThresholds Thresholds() => new(_capped.ToDictionary(
        pair => pair.Key,
        pair => pair.Value.Heap.Count < pair.Value.Capacity ? AllocationThresholds.Open : pair.Value.Heap.Count == 0 ? AllocationThresholds.Closed : pair.Value.Heap.Peek().Candidate,
        StringComparer.Ordinal));

    private sealed class Slots(int capacity)
    {
        public int Capacity { get; } = capacity;

        public PriorityQueue<Placement, BatchCandidate> Heap { get; } = new(AllocationOrder.WorstFirst);
    }
}
