using Decisioning.Plan;

namespace Decisioning.Evaluation;

/// <summary>A strategy that passed every gate, with its channel, rendered script and score.</summary>
public sealed record Candidate(StrategyPlan Strategy, ChannelPlan Channel, string? Script, double Score, double Propensity)
{
    public DecisionAction ToAction(int rank) => new(
        rank,
        Strategy.Id,
        Strategy.Objective?.Id,
        Strategy.Scenario?.Id,
        Strategy.Product.Id,
        Channel.Id,
        Script,
        Score,
        Propensity);
}
