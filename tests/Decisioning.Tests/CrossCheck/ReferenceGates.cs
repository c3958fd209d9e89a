namespace Decisioning.Tests.CrossCheck;

/// <summary>The gate table of spec section 3, step 2, one row after another.</summary>
public static class ReferenceGates
{
    /// <summary>The reason code of the first failing gate, or null with the chosen channel and script.</summary>
    public static string? FirstFailure(
        RandomMap map, RStrategy s, RandomCustomer customer, CondEnv env, DateTime at, out string? channel, out string? script)
    {
        channel = null;
        script = null;
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

        if (s.Cooldown is { } cooldown &&
            (customer.Contacts ?? []).Any(c => c.Strategy == s.Id && c.At > at - cooldown.Span && c.At <= at))
        {
            return "cooldown";
        }

        foreach (var channelId in s.Channels)
        {
            if (ChannelPasses(map, s, product, map.Channels.Single(c => c.Id == channelId), customer, env, at, out script))
            {
                channel = channelId;
                return null;
            }
        }

        script = null;
        return "no-channel";
    }

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
        RandomMap map, RStrategy s, RProduct product, RChannel channel, RandomCustomer customer, CondEnv env, DateTime at, out string? script)
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

        var scriptId = s.Scripts.Where(x => x.Channel == channel.Id).Select(x => x.Script).FirstOrDefault();
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
