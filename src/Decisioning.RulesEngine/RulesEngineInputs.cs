using Decisioning.Evaluation;

namespace Decisioning.RulesEngine;

/// <summary>
/// The names a workflow's expressions use for the decision, passed to RulesEngine as named
/// <c>RuleParameter</c>s (so <c>input1</c> and <c>input2</c> are not in scope). Member names are
/// matched without regard to case, as RulesEngine does by default.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>customer</c>: every field the map declares, by its name (<c>customer.age</c>,
/// <c>customer.riskLevel</c>), with the map's types (an optional field is nullable); and
/// <c>customer.id</c>, <c>customer.holdings</c>, <c>customer.segments</c> (lists of ids),
/// <c>customer.tier</c> and <c>customer.stage</c> (null when none matched). A field named
/// <c>id</c> wins over the customer id.</item>
/// <item><c>action</c>: the candidate action (<see cref="CandidateInput"/>): <c>action.strategy</c>,
/// <c>action.product</c>, <c>action.channel</c>, <c>action.objective</c>, <c>action.scenario</c>,
/// <c>action.script</c>, <c>action.priority</c>, <c>action.propensity</c>, <c>action.score</c>.</item>
/// </list>
/// </remarks>
public static class RulesEngineInputs
{
    /// <summary>The customer being decided.</summary>
    public const string Customer = "customer";

    /// <summary>The candidate action under review.</summary>
    public const string Action = "action";
}

/// <summary>
/// A candidate action as a workflow sees it (the <c>action</c> input): a strategy that passed
/// every gate before the policy gate, on its chosen channel. Made per candidate and decision.
/// </summary>
public sealed class CandidateInput
{
    /// <summary>A blank candidate, used to compile a workflow before the first decision.</summary>
    internal CandidateInput()
    {
    }

    internal CandidateInput(Candidate candidate)
    {
        Strategy = candidate.StrategyId;
        Product = candidate.ProductId;
        Channel = candidate.ChannelId;
        Objective = candidate.ObjectiveId;
        Scenario = candidate.ScenarioId;
        Script = candidate.Script;
        Priority = candidate.Priority;
        Propensity = candidate.Propensity;
        Score = candidate.Score;
    }

    /// <summary>The strategy's id.</summary>
    public string Strategy { get; } = "";

    /// <summary>The offered product's id.</summary>
    public string Product { get; } = "";

    /// <summary>The channel the strategy would use (the first that passed the channel gate).</summary>
    public string Channel { get; } = "";

    /// <summary>The strategy's objective id, or null.</summary>
    public string? Objective { get; }

    /// <summary>The strategy's scenario id, or null.</summary>
    public string? Scenario { get; }

    /// <summary>The rendered script on that channel, or null when the channel has none.</summary>
    public string? Script { get; }

    /// <summary>The strategy's priority, 0 to 100.</summary>
    public double Priority { get; }

    /// <summary>The candidate's propensity, 0 to 1.</summary>
    public double Propensity { get; }

    /// <summary>The candidate's score before any policy scaled it.</summary>
    public double Score { get; }
}
