using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Decisioning.Evaluation;
using Decisioning.Plan;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RulesEngine.Models;

namespace Decisioning.RulesEngine;

/// <summary>
/// The policy gate as RulesEngine workflows, for one map version. Every candidate runs every
/// workflow, in order, with the inputs <c>customer</c> and <c>action</c>
/// (<see cref="RulesEngineInputs"/>); every enabled rule is a condition the candidate must meet.
/// The first rule that fails vetoes it: the trace says <c>policy</c>, <c>rule</c> is
/// <c>workflow/rule</c> and <c>message</c> the rule's <c>ErrorMessage</c> (with
/// <c>$(customer.field)</c> and <c>$(action.field)</c> filled in). A rule that throws is an
/// error, not a verdict: see <see cref="RuleErrorHandling"/>. Thread-safe: a review reads the
/// serving workflows once, and RulesEngine's compiled rules are shared read-only.
/// </summary>
public sealed partial class RulesEnginePolicy : IDecisionPolicy
{
    private readonly WorkflowSource _source;
    private readonly CustomerInputType _customer;
    private readonly RuleErrorHandling _onError;
    private readonly ILogger _logger;

    internal RulesEnginePolicy(WorkflowSource source, CustomerInputType customer, RuleErrorHandling onError, ILogger logger)
    {
        _source = source;
        _customer = customer;
        _onError = onError;
        _logger = logger;
    }

    /// <summary>
    /// The policy for one map version over workflows given in code, for a host that builds its own
    /// <see cref="Evaluator"/> (hosted engines use <c>AddRulesEnginePolicy</c>, which also reloads
    /// workflow files). The workflows are checked by the sandbox and compiled here.
    /// </summary>
    /// <exception cref="WorkflowLoadException">RulesEngine or the sandbox refuses a workflow for this plan.</exception>
    public static RulesEnginePolicy Create(DecisionPlan plan, IEnumerable<Workflow> workflows, RuleErrorHandling onError = RuleErrorHandling.Veto,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(workflows);
        var options = new RulesEnginePolicyOptions { OnError = onError };
        foreach (var workflow in workflows)
        {
            options.Workflows.Add(workflow);
        }

        logger ??= NullLogger.Instance;
        var source = new WorkflowSource(options, Directory.GetCurrentDirectory(), watch: false, TimeSpan.Zero, logger);
        var customer = CustomerInputType.For(plan);
        source.Serve(plan.MapId, customer);
        return new RulesEnginePolicy(source, customer, onError, logger);
    }

    /// <inheritdoc/>
    public void Review(PolicyReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var set = _source.Current;
        if (set.Check(_customer) is { } refused)
        {
            // Only when a reload raced this map version's load: the new workflows never ran for its
            // customer input and the sandbox refuses them. Nothing is offered on an unchecked rule.
            foreach (var candidate in review.Candidates)
            {
                Error(review, candidate, "rulesengine", $"the workflows are refused by the sandbox: {refused}");
            }

            return;
        }

        var customer = _customer.Create(review);
        foreach (var candidate in review.Candidates)
        {
            Judge(set, review, candidate, WorkflowSet.Inputs(customer, new CandidateInput(candidate)));
        }
    }

    private void Judge(WorkflowSet set, PolicyReview review, Candidate candidate, RuleParameter[] inputs)
    {
        foreach (var workflow in set.Workflows)
        {
            var pending = set.Engine.ExecuteAllRulesAsync(workflow.WorkflowName, inputs);
            // With actions off RulesEngine completes synchronously; the await path is only a safety net.
            var results = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            foreach (var result in results)
            {
                if (result.IsSuccess)
                {
                    continue;
                }

                var rule = $"{workflow.WorkflowName}/{result.Rule.RuleName}";
                if (ErrorOf(result) is { } error)
                {
                    if (Error(review, candidate, rule, error))
                    {
                        return;
                    }

                    continue;
                }

                review.Veto(candidate, rule, MessageOf(result, inputs));
                return;
            }
        }
    }

    /// <summary>Logs the error and applies <see cref="RuleErrorHandling"/>; true when the candidate was vetoed.</summary>
    private bool Error(PolicyReview review, Candidate candidate, string rule, string error)
    {
        var veto = _onError == RuleErrorHandling.Veto;
        _logger.WorkflowRuleError(rule, review.Customer.Id, candidate.StrategyId, veto ? "candidate vetoed" : "rule skipped", error);
        if (veto)
        {
            review.VetoForError(candidate, rule, error);
        }

        return veto;
    }

    /// <summary>
    /// RulesEngine's exception message behind a failed result: its own, or that of the first failed
    /// nested rule (the one that decided an AndAlso; any, for an OrElse that failed throughout).
    /// </summary>
    private static string? ErrorOf(RuleResultTree result)
    {
        if (!string.IsNullOrWhiteSpace(result.ExceptionMessage))
        {
            return result.ExceptionMessage;
        }

        var failed = result.ChildResults?.FirstOrDefault(c => !c.IsSuccess);
        return failed is null ? null : ErrorOf(failed);
    }

    /// <summary>The rule's ErrorMessage (or its first failed nested rule's), placeholders filled.</summary>
    private static string? MessageOf(RuleResultTree result, RuleParameter[] inputs)
    {
        var message = result.Rule.ErrorMessage;
        for (var node = result; string.IsNullOrWhiteSpace(message) && node.ChildResults?.FirstOrDefault(c => !c.IsSuccess) is { } child; node = child)
        {
            message = child.Rule.ErrorMessage;
        }

        if (string.IsNullOrWhiteSpace(message) || !message.Contains("$(", StringComparison.Ordinal))
        {
            return message;
        }

        return Placeholder().Replace(message, m =>
        {
            var input = Array.Find(inputs, p => string.Equals(p.Name, m.Groups[1].Value, StringComparison.OrdinalIgnoreCase));
            var property = input?.Value?.GetType().GetProperty(m.Groups[2].Value,
                BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            return property is null ? m.Value : Convert.ToString(property.GetValue(input!.Value), CultureInfo.InvariantCulture) ?? "null";
        });
    }

    /// <summary>RulesEngine's error-message placeholder for an input's member: <c>$(customer.age)</c>.</summary>
    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Placeholder();
}
