namespace Decisioning.Batch;

/// <summary>
/// The global order of spec section 7, step 1: score descending, then customer id (ordinal), then
/// rank, then input line. Earlier in this order is better: it is allocated first.
/// </summary>
internal sealed class AllocationOrder : IComparer<BatchCandidate>
{
    public static readonly AllocationOrder Instance = new();

    /// <summary>The reverse order: the worst candidate first (what a bounded heap evicts).</summary>
    public static readonly IComparer<BatchCandidate> WorstFirst = Comparer<BatchCandidate>.Create((a, b) => Instance.Compare(b, a));

    public int Compare(BatchCandidate? a, BatchCandidate? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var c = b.Score.CompareTo(a.Score);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.CustomerId, b.CustomerId);
        if (c != 0)
        {
            return c;
        }

        c = a.Rank.CompareTo(b.Rank);
        return c != 0 ? c : a.Line.CompareTo(b.Line);
    }
}
