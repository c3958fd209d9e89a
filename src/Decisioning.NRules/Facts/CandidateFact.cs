using Decisioning.Evaluation;

namespace Decisioning.NRules.Facts;

/// <summary>
/// A candidate action of the decision (a strategy that passed every other gate), as a fact. Rules
/// veto it or scale its score through <see cref="PolicyContextExtensions"/>. One per candidate and decision.
/// </summary>
public sealed class CandidateFact
{
    private readonly PolicyReview _review;

    internal CandidateFact(PolicyReview review, Candidate candidate)
    {
        _review = review;
        Candidate = candidate;
    }

    public Candidate Candidate { get; }

    public string Strategy => Candidate.StrategyId;

    public string Product => Candidate.ProductId;

    public string Channel => Candidate.ChannelId;

    public string? Objective => Candidate.ObjectiveId;

    public string? Scenario => Candidate.ScenarioId;

    public string? Script => Candidate.Script;

    public double Priority => Candidate.Priority;

    public double Propensity => Candidate.Propensity;

    /// <summary>The score before any policy scaled it.</summary>
    public double Score => Candidate.Score;

    /// <summary>Whether a rule has vetoed the candidate in this decision so far.</summary>
    public bool IsVetoed => _review.VetoOf(Candidate) is not null;

    public void Veto(string rule) => _review.Veto(Candidate, rule);

    public void ScaleScore(double factor, string rule) => _review.ScaleScore(Candidate, factor, rule);
}
