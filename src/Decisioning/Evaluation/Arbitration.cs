using Decisioning.Plan;

namespace Decisioning.Evaluation;

/// <summary>
/// Arbitration (spec section 3, step 4) over a <see cref="DecisionBuffer"/>'s candidate slots:
/// order them (score descending, or priority alone for the control group's <c>priority</c>
/// policy; then priority descending, then file order), then keep at most one per product and per
/// channel (when set) and at most <c>maxActions</c>. Allocates nothing; the order is total (file
/// order breaks every tie), so the result is one whatever the way of finding it.
/// </summary>
internal static class Arbitration
{
    /// <summary>Writes the kept candidates' slot indexes, in rank order, into <paramref name="kept"/>; returns how many.</summary>
    /// <remarks>
    /// Picks, <c>maxActions</c> times, the best candidate not yet kept that clashes with none kept:
    /// the same actions as sorting every candidate and keeping them greedily (a candidate the greedy
    /// pass skips clashes with one kept before it, and the kept set only grows), in
    /// O(candidates x maxActions) rather than a sort of every candidate (a map of a thousand
    /// strategies can have hundreds of candidates and return three actions).
    /// </remarks>
    public static int Select(DecisionBuffer buffer, int[] kept, ArbitrationPlan plan, bool byScore)
    {
        var taken = buffer.Scratch;
        var slots = buffer.Candidates;
        var candidates = buffer.CandidateCount;
        Array.Clear(taken, 0, candidates);
        var count = 0;
        while (count < plan.MaxActions)
        {
            var best = -1;
            for (var i = 0; i < candidates; i++)
            {
                if (taken[i] != 0 || (best >= 0 && !Before(slots[i], slots[best], byScore)) || Clashes(slots, kept, count, slots[i], plan))
                {
                    continue;
                }

                best = i;
            }

            if (best < 0)
            {
                break;
            }

            taken[best] = 1;
            kept[count++] = best;
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
