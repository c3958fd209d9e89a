using System.Linq.Dynamic.Core;
using System.Linq.Dynamic.Core.Exceptions;
using System.Linq.Dynamic.Core.Parser;
using System.Linq.Expressions;
using Decisioning.Compilation;
using RulesEngine.Models;

namespace Decisioning.RulesEngine;

/// <summary>
/// Holds every expression of a workflow (rules, nested rules, global and local params) to the
/// maps' own sandbox before RulesEngine may compile it: the lexical limits, then a parse over the
/// decision's two inputs only, then the maps' allow-list walk (docs/expressions.md). RulesEngine's
/// own settings are the first wall (<see cref="RulesEngineSettings.Sandboxed"/>); this is the one
/// relied on, as the maps rely on theirs after CVE-2023-32571.
/// </summary>
internal static class WorkflowSandbox
{
    // As the maps' parser: no `new` of arbitrary types, no types by simple name, no Equals/ToString on object.
    private static readonly ParsingConfig Config = new()
    {
        AllowNewToEvaluateAnyType = false,
        ResolveTypesBySimpleName = false,
        AllowEqualsAndToStringMethodsOnObject = false,
        DisableMemberAccessToIndexAccessorFallback = true,
        IsCaseSensitive = false,
    };

    /// <summary>Every refused or broken expression of <paramref name="workflow"/>, as "rule: problem" lines.</summary>
    public static IReadOnlyList<string> Check(Workflow workflow, Type customer)
    {
        var problems = new List<string>();
        // RulesEngine orders the inputs by name and compiles global params before the rules.
        var inputs = new List<ParameterExpression>
        {
            Expression.Parameter(typeof(CandidateInput), RulesEngineInputs.Action),
            Expression.Parameter(customer, RulesEngineInputs.Customer),
        };
        var scope = Scoped(inputs, workflow.GlobalParams, "global params", problems);
        foreach (var rule in workflow.Rules ?? [])
        {
            CheckRule(rule, scope, problems);
        }

        return problems;
    }

    private static void CheckRule(Rule rule, List<ParameterExpression> scope, List<string> problems)
    {
        if (!rule.Enabled)
        {
            return;
        }

        var name = rule.RuleName ?? "(unnamed rule)";
        var local = Scoped(scope, rule.LocalParams, $"rule '{name}'", problems);
        if (rule.Rules is { } children && children.Any())
        {
            foreach (var child in children)
            {
                CheckRule(child, local, problems);
            }

            return;
        }

        if (Parse(rule.Expression ?? "", local, typeof(bool), out var error) is null)
        {
            problems.Add($"rule '{name}': {error}");
        }
    }

    private static List<ParameterExpression> Scoped(List<ParameterExpression> outer, IEnumerable<ScopedParam>? parameters, string where,
        List<string> problems)
    {
        var scope = new List<ParameterExpression>(outer);
        foreach (var parameter in parameters ?? [])
        {
            var body = Parse(parameter.Expression ?? "", scope, null, out var error);
            if (body is null)
            {
                problems.Add($"{where}, param '{parameter.Name}': {error}");
                continue;
            }

            scope.Add(Expression.Parameter(body.Type, parameter.Name));
        }

        return scope;
    }

    /// <summary>The parsed, allowed tree; or null with <paramref name="error"/> saying why.</summary>
    private static Expression? Parse(string text, List<ParameterExpression> scope, Type? result, out string error)
    {
        error = "";
        if (ExpressionLimits.Check(text) is { } lexical)
        {
            error = $"{lexical.Message} (in `{text}`)";
            return null;
        }

        Expression body;
        try
        {
            body = new ExpressionParser([.. scope], text, [], Config).Parse(result, createParameterCtor: false);
        }
        catch (Exception e) when (e is ParseException or InvalidOperationException or ArgumentException or InsufficientExecutionStackException)
        {
            error = $"`{text}` cannot be parsed over the inputs `customer` and `action`: {e.Message}";
            return null;
        }

        if (SandboxInspector.Inspect(body, scope.ToHashSet()) is { } violation)
        {
            error = $"`{text}` is refused by the sandbox: {violation.Message}";
            return null;
        }

        return body;
    }
}
