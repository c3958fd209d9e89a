namespace Decisioning.Tests.CrossCheck;

/// <summary>The gate table of spec section 3, step 2, one row after another.</summary>
public static class ReferenceGates
{
    /// <summary>The reason code of the first failing gate, or null with the chosen channel and script.</summary>
    public static string? FirstFailure(
        RandomMap map, RStrategy s, RandomCustomer customer, CondEnv env, DateTime at, out string? channel, out string? script) =>
        FirstFailure(map, s, customer, env, at, out channel, out script, out _, out _);

    /// <summary>
    /// As above, with sections 9 and 10: <paramref name="wave"/> is the wave the strategy is decided
    /// as, or the wave pending (0 without waves); <paramref name="rule"/> the rule that suppressed it.
    /// </summary>
    public static string? FirstFailure(
        RandomMap map, RStrategy s, RandomCustomer customer, CondEnv env, DateTime at, out string? channel, out string? script,
        out int wave, out string? rule)
    {
        channel = null;
        script = null;
        wave = s.Waves.Count > 0 ? 1 : 0;
        rule = null;
        if ((s.ActiveFrom is { } from && at < from) || (s.ActiveTo is { } to && at >= to))
        {
            return "inactive";
        }

        if (s.Target is { } target && !target.Contains("all") && !target.Any(env.Segments!.Contains))
        {
            return "not-targeted";
        }

        if (s.Scenario is { } scenarioId && !ScenarioHolds(map.Scenarios.Single(x => x.Id == scenarioId), customer, env, at))
        {
            return "scenario";
        }

        if (s.When is { } when && !when.Eval(env))
        {
            return "condition";
        }

        var product = map.Products.Single(p => p.Id == s.Product);
        if (product.Eligible is { } eligible && !eligible.Eval(env))
        {
            return "ineligible";
        }

        if (product.Repeatable != true && customer.HoldingList.Contains(product.Id))
        {
            return "already-held";
        }

        // Section 10: the first rule whose records reach atLeast, while its pause runs.
        foreach (var r in map.Suppression)
        {
            var times = r.Count == "sent"
                ? (customer.Contacts ?? []).Where(c => r.Scope switch
                {
                    "product" => c.Product == s.Product,
                    "all" => true,
                    _ => c.Strategy == s.Id,
                }).Select(c => c.At)
                : (customer.Responses ?? []).Where(x => x.Kind == r.Count && r.Scope switch
                {
                    "product" => x.Product == s.Product,
                    "all" => true,
                    _ => Belongs(x, s),
                }).Select(x => x.At);
            var counted = times.Where(t => t <= at && (r.Within is null || t > at - r.Within.Span)).ToList();
            if (counted.Count >= (r.AtLeast ?? 1) && at < counted.Max() + r.Pause.Span)
            {
                rule = r.Id;
                return "suppressed";
            }
        }

        // Section 9, steps 1-4.
        var followUp = false;
        if (s.Waves.Count > 0)
        {
            var mine = (customer.Contacts ?? []).Where(c => c.Strategy == s.Id && c.At <= at).ToList();
            var last = mine.OrderByDescending(c => c.At).ThenByDescending(c => c.EffectiveWave).FirstOrDefault();
            if (last is not null)
            {
                var firstWaves = mine.Where(c => c.EffectiveWave == 1 && c.At <= last.At).Select(c => c.At).ToList();
                var start = last.EffectiveWave == 1 || firstWaves.Count == 0 ? last.At : firstWaves.Max();
                var stopped = (customer.Responses ?? []).Any(x =>
                    Belongs(x, s) && x.At >= start && x.At <= at && s.EffectiveStopOn.Contains(x.Kind));
                if (stopped)
                {
                    if (s.Cooldown is { } cd && last.At > at - cd.Span && last.At <= at)
                    {
                        return "responded";
                    }
                }
                else if (last.EffectiveWave < s.Waves.Count + 1)
                {
                    wave = last.EffectiveWave + 1;
                    if (at < last.At + s.Waves[wave - 2].After.Span)
                    {
                        return "wave-pending";
                    }

                    followUp = true;
                }
            }
        }

        if (!followUp && s.Cooldown is { } cooldown &&
            (customer.Contacts ?? []).Any(c => c.Strategy == s.Id && c.At > at - cooldown.Span && c.At <= at))
        {
            return "cooldown";
        }

        var waveDef = followUp ? s.Waves[wave - 2] : null;
        var scripts = waveDef?.Scripts ?? s.Scripts;
        foreach (var channelId in waveDef?.Channels ?? s.Channels)
        {
            if (ChannelPasses(map, s, scripts, product, map.Channels.Single(c => c.Id == channelId), customer, env, at, out script))
            {
                channel = channelId;
                return null;
            }
        }

        script = null;
        return "no-channel";
    }

    /// <summary>A response belongs to a strategy by its strategy id, or without one by its product.</summary>
    private static bool Belongs(RResponse r, RStrategy s) => r.Strategy is not null ? r.Strategy == s.Id : r.Product == s.Product;

    private static bool ScenarioHolds(RScenario scenario, RandomCustomer customer, CondEnv env, DateTime at)
    {
        var holdings = customer.HoldingList;
        return scenario.Kind switch
        {
            ScenarioKindR.Lifecycle => env.Stage is { } stage && scenario.Stages.Contains(stage),
            ScenarioKindR.Product => !scenario.Lacks.Any(holdings.Contains) && scenario.Holds.All(holdings.Contains),
            ScenarioKindR.Event => (customer.Events ?? []).Any(e =>
                e.Type == scenario.Event
                && e.At <= at
                && (scenario.Within is not { } within || e.At >= at - within.Span)
                && (scenario.When is not { } when || when.Eval(env with { Event = e.Payload }))),
            _ => true,
        };
    }

    /// <summary>Reachable, fewer than <c>max</c> contacts in <c>(at - per, at]</c>, and the script fits.</summary>
    private static bool ChannelPasses(
        RandomMap map, RStrategy s, IReadOnlyList<(string Channel, string Script)> scripts, RProduct product, RChannel channel,
        RandomCustomer customer, CondEnv env, DateTime at, out string? script)
    {
        script = null;
        if (channel.Reachable is { } reachable && !reachable.Eval(env))
        {
            return false;
        }

        if (channel.Max is { } max &&
            (customer.Contacts ?? []).Count(c => c.Channel == channel.Id && c.At > at - channel.Per!.Span && c.At <= at) >= max)
        {
            return false;
        }

        var scriptId = scripts.Where(x => x.Channel == channel.Id).Select(x => x.Script).FirstOrDefault();
        if (scriptId is null)
        {
            return true;
        }

        script = Render(map, map.Scripts.Single(x => x.Id == scriptId), s, product, channel, customer);
        return channel.MaxLength is not { } limit || script.Length <= limit;
    }

    /// <summary>Liquid sees <c>customer</c> (declared fields), <c>product</c>, <c>channel</c> and <c>strategy</c>.</summary>
    public static string Render(RandomMap map, RScript script, RStrategy s, RProduct product, RChannel channel, RandomCustomer customer) =>
        string.Concat(script.Pieces.Select(piece => piece switch
        {
            TextPiece t => t.Text,
            VarPiece { Root: "customer" } v => VarPiece.Output(map.Fields.Any(f => f.Name == v.Member) ? customer.Get(v.Member) : null),
            VarPiece { Root: "product", Member: "id" } => product.Id,
            VarPiece { Root: "product", Member: "name" } => product.Name ?? "",
            VarPiece { Root: "channel", Member: "id" } => channel.Id,
            VarPiece { Root: "channel", Member: "name" } => channel.Name ?? "",
            VarPiece { Root: "strategy", Member: "id" } => s.Id,
            _ => throw new ArgumentException($"unknown script piece {piece}"),
        }));
}
