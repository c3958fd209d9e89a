using Decisioning.Diagnostics;
using Decisioning.Model;
using Decisioning.Plan;

namespace Decisioning.Compilation;

/// <summary>The resolved sections a strategy refers to.</summary>
internal sealed record StrategyContext(
    IReadOnlyDictionary<string, int> Segments,
    IReadOnlyDictionary<string, ObjectivePlan> Objectives,
    IReadOnlyDictionary<string, ScenarioPlan> Scenarios,
    IReadOnlyDictionary<string, ProductPlan> Products,
    IReadOnlyDictionary<string, ChannelPlan> Channels,
    IReadOnlyDictionary<string, CompiledScript> Scripts,
    IReadOnlyDictionary<string, PropensityPlan> Models);

/// <summary>Compiles one strategy: resolves its references and compiles its condition.</summary>
internal static class StrategyCompiler
{
    public static StrategyPlan? Compile(StrategyDecl s, int index, StrategyContext c, ExpressionScope scope, DiagnosticBag diagnostics)
    {
        CompiledCondition? when = null;
        if (s.When is { } w)
        {
            when = ExpressionCompiler.Compile(w, scope, diagnostics);
            if (when is null)
            {
                return null;
            }
        }

        if (s.Id is not { } id || s.Product is not { } productId || !c.Products.TryGetValue(productId.Value, out var product))
        {
            return null;
        }

        if (Channels(s.Channels, s.Scripts, c) is not { } channels)
        {
            return null;
        }

        var waves = new List<WavePlan>();
        if (s.Waves.Count > 0)
        {
            waves.Add(new WavePlan(1, TimeSpan.Zero, channels));
            foreach (var wave in s.Waves)
            {
                if (wave.After?.Value.Length is not { } delay ||
                    Channels(wave.Channels ?? s.Channels, wave.Scripts ?? s.Scripts, c) is not { } waveChannels)
                {
                    return null;
                }

                waves.Add(new WavePlan(waves.Count + 1, delay, waveChannels));
            }
        }

        IReadOnlyList<int>? target = null;
        // Absent targets everyone; a written list without `all` targets its segments only, so an
        // empty `target: []` targets no one ("in none of the target segments", spec section 3).
        if (s.TargetWritten && s.Target.All(t => t.Value != "all"))
        {
            target = [.. s.Target.Select(t => c.Segments.GetValueOrDefault(t.Value, -1)).Where(i => i >= 0)];
        }

        PropensityPlan propensity = new ConstantPropensity(s.Propensity?.Constant?.Value ?? MapDefaults.Propensity);
        if (s.Propensity?.Model is { } modelId)
        {
            if (!c.Models.TryGetValue(modelId.Value, out var model))
            {
                return null;
            }

            propensity = model.For(id.Value);
        }

        ObjectivePlan? objective = s.Objective is { } o ? c.Objectives.GetValueOrDefault(o.Value) : null;
        ScenarioPlan? scenario = s.Scenario is { } sc ? c.Scenarios.GetValueOrDefault(sc.Value) : null;
        DateTime? from = s.Active?.From?.Value.Utc;
        DateTime? to = s.Active?.To?.Value.Utc;
        TimeSpan? cooldown = s.Cooldown?.Value.Length;

        return new StrategyPlan
        {
            Index = index,
            Id = id.Value,
            Target = target,
            Objective = objective,
            Scenario = scenario,
            Product = product,
            Channels = channels,
            Priority = s.Priority?.Value ?? MapDefaults.Priority,
            Propensity = propensity,
            When = when,
            Cooldown = cooldown,
            ActiveFrom = from,
            ActiveTo = to,
            Waves = waves,
            StopOn = s.StopOn is { } stopOn ? [.. stopOn.Select(k => k.Value).Distinct(StringComparer.Ordinal)] : Runtime.ResponseRecord.Kinds,
        };
    }

    // Channels in preference order, each with its script from `scripts` (or none).
    private static List<ChannelChoice>? Channels(IReadOnlyList<Located<string>> ids, IReadOnlyList<ScriptChoiceDecl> scriptChoices, StrategyContext c)
    {
        // A channel named twice is DM013 (the YAML reader); the first stands, as everywhere.
        var scripts = scriptChoices.GroupBy(x => x.Channel.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Script.Value, StringComparer.Ordinal);
        var channels = new List<ChannelChoice>();
        foreach (var channelId in ids)
        {
            if (!c.Channels.TryGetValue(channelId.Value, out var channel))
            {
                return null;
            }

            CompiledScript? script = null;
            if (scripts.TryGetValue(channelId.Value, out var scriptId) && !c.Scripts.TryGetValue(scriptId, out script))
            {
                return null;
            }

            channels.Add(new ChannelChoice(channel, script));
        }

        return channels;
    }
}
