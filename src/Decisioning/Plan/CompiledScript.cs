using Fluid;

namespace Decisioning.Plan;

/// <summary>A parsed Liquid script, rendered only for the channels a decision actually tries.</summary>
/// <remarks>The render options (limits, the filters allowed) come from the script compiler, which owns the script rules.</remarks>
internal sealed class CompiledScript(string id, IFluidTemplate template, TemplateOptions options)
{

    public string Id { get; } = id;

    /// <summary>The parsed template, for analyses that need its statements (Evaluation/ScriptText.cs).</summary>
    internal IFluidTemplate Template => template;

    /// <summary>
    /// Renders with the four objects a script sees. Thread-safe: the template is immutable. A
    /// failure (a filter given a customer's zero, a limit reached) is an
    /// <see cref="EvaluationFault"/> naming the script: that customer's error record.
    /// </summary>
    public string Render(object customer, object product, object channel, object strategy)
    {
        var context = new TemplateContext(options);
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
            throw new EvaluationFault($"script '{Id}' failed: {EvaluationFault.Reason(e)}", e);
        }
    }
}
