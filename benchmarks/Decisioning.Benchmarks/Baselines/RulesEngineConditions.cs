using RulesEngine.Models;

namespace Decisioning.Benchmarks.Baselines;

/// <summary>
/// The rule groups as Microsoft RulesEngine 6.0.1 workflows, executed with
/// <c>ExecuteAllRulesAsync</c>. The input is passed under the empty alias, which
/// System.Linq.Dynamic.Core treats as <c>it</c>: the map's expressions then read its members
/// unqualified, exactly as written in the map.
/// </summary>
public sealed class RulesEngineConditions : IConditionSet
{
    private readonly RulesEngine.RulesEngine _engine;
    private readonly bool _tuned;

    public RulesEngineConditions(MapWorkflows map, bool tuned)
    {
        _tuned = tuned;
        var workflows = map.Groups.Select(g => new Workflow
        {
            WorkflowName = g.Name,
            InputAlias = "",
            Rules = [.. g.Rules.Select(r => new Rule { RuleName = r.Name, Expression = r.Expression, RuleExpressionType = RuleExpressionType.LambdaExpression })],
        }).ToArray();
        _engine = new RulesEngine.RulesEngine(workflows, reSettings: tuned ? Tuned : new ReSettings());
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
        // The default path names the input from the workflow's alias; the tuned one passes the
        // parameter itself. Rules carry no actions, so the action step is a no-op in both.
        var outcome = _tuned
            ? _engine.ExecuteAllRulesAsync(group, new RuleParameter("", input)).GetAwaiter().GetResult()
            : _engine.ExecuteAllRulesAsync(group, (object)input).GetAwaiter().GetResult();
        for (var i = 0; i < outcome.Count; i++)
        {
            results[i] = outcome[i].IsSuccess;
        }
    }
}
