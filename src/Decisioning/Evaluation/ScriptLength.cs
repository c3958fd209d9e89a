using System.Runtime.CompilerServices;
using Decisioning.Compilation;
using Decisioning.Plan;
using Decisioning.Runtime;
using Fluid;
using Fluid.Ast;
using Fluid.Parser;

namespace Decisioning.Evaluation;

/// <summary>
/// The rendered length of a script for one strategy and channel, without rendering it: for a
/// template made only of text and plain <c>{{ customer.field }}</c> outputs of string fields (and
/// of the fixed <c>product</c>, <c>channel</c> and <c>strategy</c> values), the length is the
/// template rendered with those customer fields empty, plus the fields' lengths, because Fluid
/// writes a string value verbatim (no encoder) and null as nothing. Any other template has no
/// <see cref="ScriptLength"/> and is rendered to be measured. Immutable, shared per plan.
/// </summary>
internal sealed class ScriptLength
{
    private static readonly ConditionalWeakTable<DecisionPlan, ScriptLength?[][]> PerPlan = new();

    private readonly int _base;
    private readonly int[] _stringSlots;

    private ScriptLength(int @base, int[] stringSlots)
    {
        _base = @base;
        _stringSlots = stringSlots;
    }

    /// <summary>Per strategy (by index) and channel choice (by position), the length, or null when it must be rendered.</summary>
    public static ScriptLength?[][] For(DecisionPlan plan) => PerPlan.GetValue(plan, Analyse);

    /// <summary>The length of the script as <see cref="CompiledScript.Render"/> would write it for this customer.</summary>
    public int Measure(ValueRow customer)
    {
        var length = _base;
        foreach (var slot in _stringSlots)
        {
            length += customer.Str[slot]?.Length ?? 0;
        }

        return length;
    }

    private static ScriptLength?[][] Analyse(DecisionPlan plan) =>
        [.. plan.Strategies.Select(s => s.Channels.Select(c => c.Channel.MaxLength is null ? null : Analyse(plan, s, c)).ToArray())];

    private static ScriptLength? Analyse(DecisionPlan plan, StrategyPlan s, ChannelChoice choice)
    {
        if (choice.Script?.Template is not FluidTemplate template)
        {
            return null;
        }

        var empty = new Dictionary<string, object?>(StringComparer.Ordinal);
        var slots = new List<int>();
        foreach (var statement in template.Statements)
        {
            switch (statement)
            {
                case TextSpanStatement:
                    continue;
                case OutputStatement { Expression: MemberExpression { Segments: [IdentifierSegment root, IdentifierSegment member] } }:
                    if (root.Identifier == "customer")
                    {
                        if (plan.Customer.Find(member.Identifier) is not { Storage: Storage.Str } field)
                        {
                            return null;
                        }

                        empty[field.Name] = "";
                        slots.Add(field.Slot);
                    }
                    else if (root.Identifier is not ("product" or "channel" or "strategy") || member.Identifier == "value")
                    {
                        // A number's text depends on formatting: rendered, not counted.
                        return null;
                    }

                    continue;
                default:
                    return null;
            }
        }

        var @base = choice.Script.Render(empty, s.Product.ScriptValue, choice.Channel.ScriptValue, s.ScriptValue).Length;
        return new ScriptLength(@base, [.. slots]);
    }
}
