using RulesEngine.Models;

namespace Decisioning.RulesEngine;

/// <summary>What <see cref="RulesEngineDecisioningBuilderExtensions.AddRulesEnginePolicy(Hosting.DecisioningBuilder, Action{RulesEnginePolicyOptions})"/> runs.</summary>
public sealed class RulesEnginePolicyOptions
{
    /// <summary>
    /// Workflow JSON files, each one workflow or an array of them (RulesEngine's own format);
    /// relative to the host's content root. They are watched and reloaded like maps.
    /// </summary>
    public IList<string> WorkflowFiles { get; } = [];

    /// <summary>Workflows made in code, run after those of the files. Never reloaded.</summary>
    public IList<Workflow> Workflows { get; } = [];

    /// <summary>Which maps the workflows apply to, by map id. Default: every map.</summary>
    public Func<string, bool> AppliesTo { get; set; } = _ => true;

    /// <summary>What a rule that cannot be evaluated (it throws) does to the candidate. Default: <see cref="RuleErrorHandling.Veto"/>.</summary>
    public RuleErrorHandling OnError { get; set; } = RuleErrorHandling.Veto;
}

/// <summary>What the policy does with a rule that could not be evaluated (an exception in its expression).</summary>
public enum RuleErrorHandling
{
    /// <summary>
    /// Fail closed: the candidate is vetoed, its trace says <c>policy</c> with the rule and carries
    /// RulesEngine's exception message as <c>error</c> (not <c>message</c>), and an error is logged.
    /// </summary>
    Veto,

    /// <summary>Fail open: the rule is skipped for this candidate (the others still apply) and an error is logged.</summary>
    Allow,
}
