using Decisioning.Plan;

namespace Decisioning.Evaluation;

/// <summary>
/// Arbitration (spec section 3, step 4): order the candidates, then keep at most one per product
/// and per channel (when set) and at most <c>maxActions</c>.
/// </summary>
public static class Arbitration
{
    /// <summary>Score descending, then priority descending, then file order.</summary>
    public static readonly Comparison<Candidate> ByScore = (a, b) =>
    {
        var c = b.Score.CompareTo(a.Score);
        if (c != 0)
        {
            return c;
        }

        c = b.Strategy.Priority.CompareTo(a.Strategy.Priority);
        return c != 0 ? c : a.Strategy.Index.CompareTo(b.Strategy.Index);
    };

    /// <summary>Priority descending, then file order: the control group's <c>priority</c> policy.</summary>
    public static readonly Comparison<Candidate> ByPriority = (a, b) =>
    {
        var c = b.Strategy.Priority.CompareTo(a.Strategy.Priority);
        return c != 0 ? c : a.Strategy.Index.CompareTo(b.Strategy.Index);
    };

    /// <summary>The kept candidates, in rank order. <paramref name="candidates"/> is sorted in place.</summary>
    public static List<Candidate> Select(List<Candidate> candidates, ArbitrationPlan plan, Comparison<Candidate> order)
    {
        candidates.Sort(order);
        var kept = new List<Candidate>(Math.Min(plan.MaxActions, candidates.Count));
        foreach (var candidate in candidates)
        {
            if (kept.Count >= plan.MaxActions)
            {
                break;
            }

            if (plan.OnePerProduct && kept.Exists(k => k.Strategy.Product.Id == candidate.Strategy.Product.Id))
            {
                continue;
            }

            if (plan.OnePerChannel && kept.Exists(k => k.Channel.Id == candidate.Channel.Id))
            {
                continue;
            }

            kept.Add(candidate);
        }

        return kept;
    }
}
