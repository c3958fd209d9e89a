using System.Globalization;
using Decisioning.Evaluation;

namespace Decisioning.Batch;

/// <summary>
/// Partition <see cref="Index"/> of <see cref="Count"/> (spec section 7, <c>--partition I/N</c>):
/// the customers whose id hashes to it, <c>fnv1a32(id) mod N</c> over the id's UTF-16 code units
/// (<see cref="ExperimentHash.Fnv1a32"/>). A line whose id cannot be read hashes as the empty id,
/// so its error record lands in exactly one partition.
/// </summary>
internal sealed record PartitionSpec(int Index, int Count)
{
    public static readonly PartitionSpec Whole = new(0, 1);

    public bool Contains(string? customerId) => Count == 1 || ExperimentHash.Fnv1a32(customerId ?? "") % (uint)Count == (uint)Index;

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>Parses <c>I/N</c> with <c>0 &lt;= I &lt; N</c>.</summary>
    public static bool TryParse(string text, out PartitionSpec partition)
    {
        partition = Whole;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count < 1 || index >= count)
        {
            return false;
        }

        partition = new PartitionSpec(index, count);
        return true;
    }
}
