using Decisioning.Plan;

namespace Decisioning.Evaluation;

/// <summary>
/// Arbitration (spec section 3, step 4) over a <see cref="DecisionBuffer"/>'s candidate slots:
/// order them (score descending, or priority alone for the control group's <c>priority</c>
/// policy; then priority descending, then file order), then keep at most one per product and per
/// channel (when set) and at most <c>maxActions</c>. Allocates nothing: an insertion sort of slot
/// indexes, a total order so the result never depends on the sort.
/// </summary>
internal static class Arbitration
{
    /// <summary>Writes the kept candidates' slot indexes, in rank order, into <paramref name="kept"/>; returns how many.</summary>
    public static int Select(DecisionBuffer buffer, int[] kept, ArbitrationPlan plan, bool byScore)
    {
        var order = buffer.Scratch;
        var slots = buffer.Candidates;
        for (var i = 0; i < buffer.CandidateCount; i++)
        {
            var j = i;
            while (j > 0 && Before(slots[i], slots[order[j - 1]], byScore))
            {
                order[j] = order[j - 1];
                j--;
            }

            order[j] = i;
        }

        var count = 0;
        for (var i = 0; i < buffer.CandidateCount && count < plan.MaxActions; i++)
        {
            ref readonly var candidate = ref slots[order[i]];
            if (Clashes(slots, kept, count, candidate, plan))
            {
                continue;
            }

            kept[count++] = order[i];
        }

        return count;
    }

    // Score descending (unless by priority alone), then priority descending, then file order.
    private static bool Before(in CandidateSlot a, in CandidateSlot b, bool byScore)
    {
        var c = byScore ? b.Score.CompareTo(a.Score) : 0;
        if (c == 0)
        {
            c = b.Strategy.Priority.CompareTo(a.Strategy.Priority);
        }

        return (c != 0 ? c : a.Strategy.Index.CompareTo(b.Strategy.Index)) < 0;
    }

    private static bool Clashes(CandidateSlot[] slots, int[] kept, int count, in CandidateSlot candidate, ArbitrationPlan plan)
    {
        for (var k = 0; k < count; k++)
        {
            ref readonly var other = ref slots[kept[k]];
            if ((plan.OnePerProduct && other.Strategy.Product.Id == candidate.Strategy.Product.Id) ||
                (plan.OnePerChannel && other.Choice.Channel.Id == candidate.Choice.Channel.Id))
            {
                return true;
            }
        }

        return false;
    }
}
