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

    /// <summary>The candidate as the engine sees it.</summary>
    public Candidate Candidate { get; }

    /// <summary>The strategy id.</summary>
    public string Strategy => Candidate.StrategyId;

    /// <summary>The product id.</summary>
    public string Product => Candidate.ProductId;

    /// <summary>The channel id the action would go through.</summary>
    public string Channel => Candidate.ChannelId;

    /// <summary>The strategy's objective id, if it names one.</summary>
    public string? Objective => Candidate.ObjectiveId;

    /// <summary>The strategy's scenario id, if it names one.</summary>
    public string? Scenario => Candidate.ScenarioId;

    /// <summary>The rendered script for the channel, if the strategy has one.</summary>
    public string? Script => Candidate.Script;

    /// <summary>The strategy's priority (0..100).</summary>
    public double Priority => Candidate.Priority;

    /// <summary>The propensity the score was computed with (0..1).</summary>
    public double Propensity => Candidate.Propensity;

    /// <summary>The score before any policy scaled it.</summary>
    public double Score => Candidate.Score;

    /// <summary>Whether a rule has vetoed the candidate in this decision so far.</summary>
    public bool IsVetoed => _review.VetoOf(Candidate) is not null;

    /// <summary>Removes the candidate from this decision; <paramref name="rule"/> names the rule in the trace.</summary>
    public void Veto(string rule) => _review.Veto(Candidate, rule);

    /// <summary>Multiplies the candidate's score by <paramref name="factor"/>; <paramref name="rule"/> names the rule in the trace.</summary>
    public void ScaleScore(double factor, string rule) => _review.ScaleScore(Candidate, factor, rule);
}
