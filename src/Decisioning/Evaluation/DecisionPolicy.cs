using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>Policies written as plain C# predicates.</summary>
public static class DecisionPolicy
{
    /// <summary>
    /// A policy that vetoes every candidate for which <paramref name="allows"/> is false, under the
    /// rule name <paramref name="rule"/>. The predicate must be thread-safe and deterministic.
    /// </summary>
    public static IDecisionPolicy Veto(string rule, Func<CustomerRecord, Candidate, DateTime, bool> allows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        ArgumentNullException.ThrowIfNull(allows);
        return new PredicatePolicy(rule, allows);
    }

    private sealed class PredicatePolicy(string rule, Func<CustomerRecord, Candidate, DateTime, bool> allows) : IDecisionPolicy
    {
        public void Review(PolicyReview review)
        {
            foreach (var candidate in review.Candidates)
            {
                if (!allows(review.Customer, candidate, review.At))
                {
                    review.Veto(candidate, rule);
                }
            }
        }
    }
}
