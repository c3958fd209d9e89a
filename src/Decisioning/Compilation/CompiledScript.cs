using System.Globalization;
using Fluid;

namespace Decisioning.Compilation;

/// <summary>A parsed Liquid script, rendered only for the channels a decision actually tries.</summary>
public sealed class CompiledScript(string id, IFluidTemplate template)
{
    // Render limits (docs/limits.md): a script that reaches one fails for that customer only.
    private static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithCultureInfo(CultureInfo.InvariantCulture)
        .WithTimeZone(TimeZoneInfo.Utc)
        .WithStrictFilters(true)
        .WithMaxSteps(ScriptLimits.MaxSteps)
        .WithMaxOutputSize(ScriptLimits.MaxOutputLength)
        .WithMaxCollectionSize(ScriptLimits.MaxCollectionSize)
        .WithMaxRecursion(ScriptLimits.MaxDepth)
        .ConfigureFilters(ScriptRules.Configure)
        .Build();

    public string Id { get; } = id;

    /// <summary>The parsed template, for analyses that need its statements (Evaluation/ScriptText.cs).</summary>
    internal IFluidTemplate Template => template;

    /// <summary>
    /// Renders with the four objects a script sees. Thread-safe: the template is immutable. A
    /// failure (a filter given a customer's zero, a limit reached) is an
    /// <see cref="Evaluation.EvaluationFault"/> naming the script: that customer's error record.
    /// </summary>
    public string Render(object customer, object product, object channel, object strategy)
    {
        var context = new TemplateContext(Options);
        context.SetValue("customer", customer);
        context.SetValue("product", product);
        context.SetValue("channel", channel);
        context.SetValue("strategy", strategy);
        try
        {
            return template.Render(context);
        }
        catch (Exception e)
        {
            throw new Evaluation.EvaluationFault($"script '{Id}' failed: {Evaluation.EvaluationFault.Reason(e)}", e);
        }
    }
}
