using System.Runtime.CompilerServices;
using Decisioning.Plan;
using Decisioning.Runtime;
using Fluid.Ast;
using Fluid.Parser;

namespace Decisioning.Evaluation;

/// <summary>
/// A script for one strategy and channel, measured and written without Fluid: for a template made
/// only of text and plain <c>{{ customer.field }}</c> outputs of string fields (and of the fixed
/// <c>product</c>, <c>channel</c> and <c>strategy</c> values), the rendered script is fixed text
/// with the customer's strings in between, because Fluid writes a string value verbatim (no
/// encoder) and null as nothing. The fixed text is what Fluid itself renders, with a marker in
/// place of each customer field, cut at the markers. Any other template has no
/// <see cref="ScriptText"/> and is rendered by Fluid. Immutable, shared per plan.
/// </summary>
/// <remarks>
/// Rendering a script with Fluid costs a template context, a dictionary of the customer's fields
/// and an async state machine: about two thirds of a full decision's time (benchmarks/README.md).
/// </remarks>
internal sealed class ScriptText
{
    // Characters no script text contains (checked): they mark where a customer field goes.
    private const char Open = '\u0001', Close = '\u0002';

    private static readonly ConditionalWeakTable<DecisionPlan, ScriptText?[][]> PerPlan = new();

    private readonly string[] _texts;
    private readonly int[] _slots;
    private readonly int _fixedLength;

    private ScriptText(string[] texts, int[] slots)
    {
        _texts = texts;
        _slots = slots;
        _fixedLength = texts.Sum(t => t.Length);
    }

    /// <summary>Per strategy (by index) and channel choice (by position), the script's text, or null when Fluid must render it.</summary>
    public static ScriptText?[][] For(DecisionPlan plan) => PerPlan.GetValue(plan, Analyse);

    /// <summary>The length of the script as <see cref="Plan.CompiledScript.Render"/> would write it for this customer.</summary>
    public int Measure(ValueRow customer)
    {
        var length = _fixedLength;
        foreach (var slot in _slots)
        {
            length += customer.Str[slot]?.Length ?? 0;
        }

        return length;
    }

    /// <summary>The script as <see cref="Plan.CompiledScript.Render"/> would write it for this customer.</summary>
    public string Render(ValueRow customer) => string.Create(Measure(customer), (this, customer), static (span, state) =>
    {
        var (text, row) = state;
        var at = 0;
        for (var i = 0; i < text._slots.Length; i++)
        {
            text._texts[i].CopyTo(span[at..]);
            at += text._texts[i].Length;
            var value = row.Str[text._slots[i]];
            value?.CopyTo(span[at..]);
            at += value?.Length ?? 0;
        }

        text._texts[^1].CopyTo(span[at..]);
    });

    // A strategy a hot reload took over from the previous plan (Compilation/CompileMemo) keeps its
    // analysed scripts: they depend on its own product, channels and scripts, and on the customer
    // layout, which is checked.
    private static readonly ConditionalWeakTable<StrategyPlan, Tuple<RowLayout, ScriptText?[]>> PerStrategy = new();

    private static ScriptText?[][] Analyse(DecisionPlan plan) =>
        [.. plan.Strategies.Select(s =>
        {
            if (PerStrategy.TryGetValue(s, out var kept) && ReferenceEquals(kept.Item1, plan.Customer))
            {
                return kept.Item2;
            }

            var texts = s.Channels.Select(c => Analyse(plan, s, c)).ToArray();
            PerStrategy.AddOrUpdate(s, Tuple.Create(plan.Customer, texts));
            return texts;
        })];

    /// <summary>The script of <paramref name="choice"/> (a channel of <paramref name="s"/>, of any wave) without Fluid, or null.</summary>
    internal static ScriptText? Analyse(DecisionPlan plan, StrategyPlan s, ChannelChoice choice)
    {
        if (choice.Script?.Template is not FluidTemplate template)
        {
            return null;
        }

        var marked = new Dictionary<string, object?>(StringComparer.Ordinal);
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

                        marked[field.Name] = $"{Open}{field.Slot}{Close}";
                        slots.Add(field.Slot);
                    }
                    else if (root.Identifier is not ("product" or "channel" or "strategy") || member.Identifier == "value")
                    {
                        // A number's text depends on formatting: left to Fluid.
                        return null;
                    }

                    continue;
                default:
                    return null;
            }
        }

        var rendered = choice.Script.Render(marked, s.Product.ScriptValue, choice.Channel.ScriptValue, s.ScriptValue);
        var texts = new List<string>();
        var found = new List<int>();
        var from = 0;
        while (rendered.IndexOf(Open, from) is var open and >= 0)
        {
            var close = rendered.IndexOf(Close, open);
            if (close < 0 || !int.TryParse(rendered.AsSpan(open + 1, close - open - 1), out var slot))
            {
                return null;
            }

            texts.Add(rendered[from..open]);
            found.Add(slot);
            from = close + 1;
        }

        texts.Add(rendered[from..]);
        // Each output once, in order, and no marker character of the script's own: else Fluid renders.
        return found.SequenceEqual(slots) && !texts.Any(t => t.Contains(Close)) ? new ScriptText([.. texts], [.. found]) : null;
    }
}
