using RulesEngine.Actions;
using RulesEngine.Models;

namespace Decisioning.RulesEngine;

/// <summary>The RulesEngine settings of the policy gate.</summary>
public static class RulesEngineSettings
{
    /// <summary>
    /// RulesEngine configured so that a workflow reaches only its two inputs: no custom types,
    /// input types not registered for method calls, no actions (none registered, none run), and
    /// exceptions returned as results rather than thrown. Formatted error messages are off so
    /// that a result's <c>ExceptionMessage</c> means an exception and nothing else (the adapter
    /// formats <c>$(customer.field)</c> in error messages itself). A new instance each call:
    /// RulesEngine copies it, and a host must not be able to loosen a shared one.
    /// </summary>
    public static ReSettings Sandboxed() => new()
    {
        CustomTypes = [],
        AutoRegisterInputType = false,
        CustomActions = new Dictionary<string, Func<ActionBase>>(),
        AutoExecuteActions = false,
        EnableExceptionAsErrorMessage = true,
        IgnoreException = false,
        EnableFormattedErrorMessage = false,
        EnableScopedParams = true,
        EnableExceptionAsErrorMessageForRuleExpressionParsing = true,
        IsExpressionCaseSensitive = false,
        // RulesEngine 6.0.1 was built against FastExpressionCompiler 5; the host carries 6.
        UseFastExpressionCompiler = false,
    };
}
