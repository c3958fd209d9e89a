using RulesEngine.Models;

namespace Decisioning.Benchmarks.Baselines;

/// <summary>
/// The rule groups as Microsoft RulesEngine 6.0.1 workflows, executed with
/// <c>ExecuteAllRulesAsync</c>. The input is passed as a parameter with an empty name, which
/// System.Linq.Dynamic.Core treats as <c>it</c>: the map's expressions then read its members
/// unqualified, exactly as written in the map.
/// </summary>
public sealed class RulesEngineConditions : IConditionSet
{
    private readonly global::RulesEngine.RulesEngine _engine;

    public RulesEngineConditions(MapWorkflows map, bool tuned)
    {
        var workflows = map.Groups.Select(g => new Workflow
        {
            WorkflowName = g.Name,
            Rules = [.. g.Rules.Select(r => new Rule { RuleName = r.Name, Expression = r.Expression, RuleExpressionType = RuleExpressionType.LambdaExpression })],
        }).ToArray();
        _engine = new global::RulesEngine.RulesEngine(workflows, reSettings: tuned ? Tuned : new ReSettings());
    }

    /// <summary>What can be switched off: formatted error messages, scoped (global/local) params, nested-rule work.</summary>
    public static ReSettings Tuned => new()
    {
        EnableFormattedErrorMessage = false,
        EnableScopedParams = false,
        NestedRuleExecutionMode = NestedRuleExecutionMode.Performance,
    };

    public void Evaluate(string group, RuleInput input, bool[] results)
    {
        // Both variants pass the input as an unnamed parameter (6.0.1 has no input alias, and its
        // object overload names inputs input1, input2...). Rules carry no actions, so the action
        // step is a no-op in both; they differ only in their ReSettings.
        var outcome = _engine.ExecuteAllRulesAsync(group, new RuleParameter("", input)).GetAwaiter().GetResult();
        for (var i = 0; i < outcome.Count; i++)
        {
            results[i] = outcome[i].IsSuccess;
        }
    }

    /// <summary>A hot reload: the workflows replaced, recompiled on their next execution.</summary>
    public void Reload(Workflow[] workflows) => _engine.AddOrUpdateWorkflow(workflows);
}
