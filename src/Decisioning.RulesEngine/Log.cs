using Microsoft.Extensions.Logging;

namespace Decisioning.RulesEngine;

/// <summary>The RulesEngine adapter's logs, in the <c>Decisioning</c> category (event ids from 120).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 120, EventName = "WorkflowsLoaded", Level = LogLevel.Information,
        Message = "Loaded {WorkflowCount} RulesEngine workflows ({RuleCount} rules), generation {Generation}, from {Origins}")]
    public static partial void WorkflowsLoaded(this ILogger logger, int workflowCount, int ruleCount, int generation, string origins);

    [LoggerMessage(EventId = 121, EventName = "WorkflowsReloadFailed", Level = LogLevel.Error,
        Message = "RulesEngine workflows failed to reload with {ProblemCount} problems; generation {Generation} keeps serving:\n{Problems}")]
    public static partial void WorkflowsReloadFailed(this ILogger logger, int generation, int problemCount, string problems);

    [LoggerMessage(EventId = 122, EventName = "WorkflowActionsNotRun", Level = LogLevel.Warning,
        Message = "{RuleCount} RulesEngine rules name actions, which the policy gate does not run: {Rules}")]
    public static partial void WorkflowActionsNotRun(this ILogger logger, int ruleCount, string rules);

    [LoggerMessage(EventId = 123, EventName = "WorkflowRuleError", Level = LogLevel.Error,
        Message = "RulesEngine rule '{Rule}' could not be evaluated for customer '{CustomerId}', strategy '{Strategy}' ({Handling}): {Error}")]
    public static partial void WorkflowRuleError(this ILogger logger, string rule, string customerId, string strategy, string handling, string error);

    [LoggerMessage(EventId = 124, EventName = "WorkflowsReloadLoopFailed", Level = LogLevel.Error,
        Message = "The RulesEngine workflow reload loop stopped")]
    public static partial void WorkflowsReloadLoopFailed(this ILogger logger, Exception exception);
}
