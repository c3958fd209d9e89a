using Decisioning.Plan;

namespace Decisioning.Evaluation;

/// <summary>A strategy that passed every gate, with its channel, rendered script and score.</summary>
/// <remarks>
/// What a host policy reads of a candidate: ids, priority, script, score and propensity. The
/// compiled strategy and channel stay inside the engine (they are its plan, not a contract).
/// </remarks>
public sealed record Candidate
{
    internal Candidate(StrategyPlan strategy, ChannelPlan channel, string? script, double score, double propensity)
    {
        Strategy = strategy;
        Channel = channel;
        Script = script;
        Score = score;
        Propensity = propensity;
    }

    internal StrategyPlan Strategy { get; }

    internal ChannelPlan Channel { get; }

    /// <summary>The strategy's id.</summary>
    public string StrategyId => Strategy.Id;

    /// <summary>The id of the product the strategy offers.</summary>
    public string ProductId => Strategy.Product.Id;

    /// <summary>The id of the channel the channel gate chose.</summary>
    public string ChannelId => Channel.Id;

    /// <summary>The strategy's objective, when it has one.</summary>
    public string? ObjectiveId => Strategy.Objective?.Id;

    /// <summary>The strategy's scenario, when it has one.</summary>
    public string? ScenarioId => Strategy.Scenario?.Id;

    /// <summary>The strategy's priority.</summary>
    public double Priority => Strategy.Priority;

    /// <summary>The channel's script as rendered for this customer, when the channel has one.</summary>
    public string? Script { get; init; }

    /// <summary>The arbitration score.</summary>
    public double Score { get; init; }

    /// <summary>The propensity the score was made from.</summary>
    public double Propensity { get; init; }

    /// <summary>The wave the strategy was decided as; 0 for a strategy without waves.</summary>
    public int Wave { get; init; }

    /// <summary>Whether it is the arbitration fallback (spec section 11).</summary>
    public bool Fallback { get; init; }
}
