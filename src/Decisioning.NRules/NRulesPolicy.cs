using Decisioning.Evaluation;
using Decisioning.NRules.Facts;
using NRules;

namespace Decisioning.NRules;

/// <summary>
/// The policy gate as an NRules session: one session per decision, from a session factory compiled
/// once per map version. The session holds the <see cref="CustomerFact"/>, one
/// <see cref="CandidateFact"/> per candidate and the version's host facts; firing it applies the
/// rules' verdicts. Thread-safe: sessions are never shared.
/// </summary>
public sealed class NRulesPolicy : IDecisionPolicy
{
    private readonly IReadOnlyList<object> _facts;

    /// <param name="sessionFactory">Rules compiled for one map version.</param>
    /// <param name="facts">Facts inserted into every session besides the decision's own (a product catalogue).</param>
    public NRulesPolicy(ISessionFactory sessionFactory, IReadOnlyList<object>? facts = null)
    {
        SessionFactory = sessionFactory ?? throw new ArgumentNullException(nameof(sessionFactory));
        _facts = facts ?? [];
    }

    /// <summary>The compiled rules each decision opens a session of.</summary>
    public ISessionFactory SessionFactory { get; }

    /// <inheritdoc/>
    public void Review(PolicyReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var session = SessionFactory.CreateSession();
        session.Insert(new CustomerFact(review));
        var candidates = new List<object>(review.Candidates.Count);
        foreach (var candidate in review.Candidates)
        {
            candidates.Add(new CandidateFact(review, candidate));
        }

        session.InsertAll(candidates);
        if (_facts.Count > 0)
        {
            session.InsertAll(_facts);
        }

        session.Fire();
    }
}
