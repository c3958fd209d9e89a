using Decisioning.Plan;

namespace Decisioning.Evaluation;

/// <summary>A strategy that passed every gate, with its channel, rendered script and score.</summary>
public sealed record Candidate(StrategyPlan Strategy, ChannelPlan Channel, string? Script, double Score, double Propensity)
{
    /// <summary>The wave the strategy was decided as; 0 for a strategy without waves.</summary>
    public int Wave { get; init; }

    /// <summary>Whether it is the arbitration fallback (spec section 11).</summary>
    public bool Fallback { get; init; }

}
