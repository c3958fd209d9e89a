namespace Decisioning.Batch;

/// <summary>
/// The final state of the capped channels: for each, whether it still has room, and otherwise the
/// worst candidate it holds. Once allocation is over this places any candidate without the others:
/// it takes the first channel of its chain that is unlimited, has room, or holds a candidate no
/// better than it (then it is one of the holders). This is how <c>decisions.jsonl</c> and the
/// summary are written in one streaming pass over the decisions.
/// </summary>
internal sealed class AllocationThresholds
{
    /// <summary>Marks a capped channel that still has room.</summary>
    internal static readonly BatchCandidate Open = new(-1, "", 0, double.NaN, "", "", []);

    /// <summary>Marks a channel of capacity 0, which takes no one.</summary>
    internal static readonly BatchCandidate Closed = new(-2, "", 0, double.NaN, "", "", []);

    private readonly IReadOnlyDictionary<string, BatchCandidate> _worst;

    internal AllocationThresholds(IReadOnlyDictionary<string, BatchCandidate> worst) => _worst = worst;

    /// <summary>Where <paramref name="candidate"/> ends, offered from the start of its chain.</summary>
    public Placement Place(BatchCandidate candidate)
    {
        for (var i = 0; i < candidate.Chain.Count; i++)
        {
            if (!_worst.TryGetValue(candidate.Chain[i].Channel, out var worst) || ReferenceEquals(worst, Open))
            {
                return new Placement(candidate, i);
            }

            if (!ReferenceEquals(worst, Closed) && AllocationOrder.Instance.Compare(candidate, worst) <= 0)
            {
                return new Placement(candidate, i);
            }
        }

        return new Placement(candidate, Placement.DroppedIndex);
    }
}
