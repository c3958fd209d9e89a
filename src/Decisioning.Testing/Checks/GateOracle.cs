using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Testing.Checks;

/// <summary>
/// An independent reading of spec section 3, step 2: every gate of every strategy checked on its
/// own, straight from the plan and the snapshot, without the engine's evaluator. It shares only
/// the compiled expressions (and Liquid scripts) with the engine: what it checks is the gates'
/// logic, their windows and their order. Thread-safe.
/// </summary>
internal sealed class GateOracle(DecisionPlan plan, DateTime at)
{
    /// <summary>The profile and every gate of every strategy, each checked whatever the others gave.</summary>
    public Recheck Check(CustomerRecord customer) => Run(customer, everyGate: true);

    /// <summary>The profile and every strategy checked up to its first failing gate.</summary>
    public Recheck FirstFailures(CustomerRecord customer) => Run(customer, everyGate: false);

    /// <summary>The strategies that pass every gate; a strategy's checks stop at its first failing gate.</summary>
    public IEnumerable<StrategyCheck> Candidates(CustomerRecord customer) =>
        Run(customer, everyGate: false).Strategies.Where(s => s.FirstFailure is null);

    private Recheck Run(CustomerRecord customer, bool everyGate)
    {
        var frame = new Frame { Customer = customer.Values, Holdings = customer.Holdings };
        frame.Tier = plan.Tiers.FirstOrDefault(t => t.When.Test(frame))?.Id;
        frame.Stage = plan.Stages.FirstOrDefault(s => s.When.Test(frame))?.Id;
        var segments = plan.Segments
            .Where(s => s.Members is { } members ? members.Contains(customer.Id) : s.When!.Test(frame))
            .Select(s => s.Id).ToList();
        frame.Segments = segments;
        var scripts = new Lazy<Dictionary<string, object?>>(() =>
            plan.Customer.Fields.ToDictionary(f => f.Name, f => customer.Values.Get(f.Index), StringComparer.Ordinal));
        var strategies = plan.Strategies.Select(s => Check(s, customer, frame, scripts, everyGate)).ToList();
        return new Recheck(new Profile(frame.Tier, frame.Stage, segments), strategies);
    }

    private StrategyCheck Check(StrategyPlan s, CustomerRecord customer, Frame frame, Lazy<Dictionary<string, object?>> scripts, bool everyGate)
    {
        var gates = new List<GateCheck>(8);
        ChannelPlan? channel = null;
        string? script = null;
        var (responded, waveGate, wave) = Waves(s, customer);
        _ = Next(Active(s)) && Next(Target(s, frame)) && Next(Scenario(s, customer, frame)) &&
            Next(Condition("when", ReasonCodes.Condition, s.When, frame)) &&
            Next(Condition("product", ReasonCodes.Ineligible, s.Product.Eligible, frame)) &&
            Next(Held(s, customer)) && Next(Suppression(s, customer)) && WaveGates() &&
            Next(wave > 1 ? new("cooldown", ReasonCodes.Cooldown, true, $"follow-up wave {wave}: no cooldown") : Cooldown(s, customer)) &&
            Next(ChannelGate());
        var propensity = s.Propensity.Evaluate(customer, frame.Tier, frame.Stage);
        var score = propensity * s.Product.Value * (s.Objective?.Weight ?? 1.0) * s.Priority / 100;
        return new StrategyCheck(s, gates, channel, script, propensity, score);

        // Whether to go on to the next gate: always when every gate is wanted.
        bool Next(GateCheck gate)
        {
            gates.Add(gate);
            return gate.Passed || everyGate;
        }

        bool WaveGates() => !s.HasWaves || (Next(responded!) && Next(waveGate!));

        GateCheck ChannelGate()
        {
            (channel, script, var detail) = FirstChannel(s, wave, customer, frame, scripts.Value);
            return new("channel", ReasonCodes.NoChannel, channel is not null, detail);
        }
    }

    private GateCheck Active(StrategyPlan s)
    {
        var inside = (s.ActiveFrom is not { } from || at >= from) && (s.ActiveTo is not { } to || at < to);
        var window = $"[{Show.Instant(s.ActiveFrom)}, {Show.Instant(s.ActiveTo)})";
        return new("active", ReasonCodes.Inactive, inside, $"at {Show.Instant(at)} {(inside ? "inside" : "outside")} {window}");
    }

    private GateCheck Target(StrategyPlan s, Frame frame)
    {
        if (s.Target is not { } target)
        {
            return new("target", ReasonCodes.NotTargeted, true, "targets all");
        }

        var ids = target.Select(i => plan.Segments[i].Id).ToList();
        var hit = ids.FirstOrDefault(frame.Segments.Contains);
        return new("target", ReasonCodes.NotTargeted, hit is not null,
            hit is not null ? $"in segment {hit}" : $"in none of [{string.Join(", ", ids)}]");
    }

    private GateCheck Scenario(StrategyPlan s, CustomerRecord customer, Frame frame)
    {
        if (s.Scenario is not { } scenario)
        {
            return new("scenario", ReasonCodes.Scenario, true, "no scenario");
        }

        switch (scenario.Kind)
        {
            case ScenarioKind.Lifecycle:
                var inStage = frame.Stage is { } stage && scenario.Stages.Contains(stage);
                return new("scenario", ReasonCodes.Scenario, inStage, $"stage {frame.Stage ?? "null"} {(inStage ? "in" : "not in")} [{string.Join(", ", scenario.Stages)}]");
            case ScenarioKind.Product:
                var held = scenario.Lacks.Where(customer.Holdings.Contains).ToList();
                var missing = scenario.Holds.Where(p => !customer.Holdings.Contains(p)).ToList();
                var ok = held.Count == 0 && missing.Count == 0;
                return new("scenario", ReasonCodes.Scenario, ok, ok
                    ? $"{scenario.Id}: lacks [{string.Join(", ", scenario.Lacks)}], holds [{string.Join(", ", scenario.Holds)}]"
                    : $"{scenario.Id}: holds [{string.Join(", ", held)}] it must lack, lacks [{string.Join(", ", missing)}] it must hold");
            case ScenarioKind.Event:
                return EventScenario(scenario, customer, frame);
            default:
                return new("scenario", ReasonCodes.Scenario, true, $"{scenario.Id}: always");
        }
    }

    // An event of the type with at - within <= event.at <= at whose condition holds.
    private GateCheck EventScenario(ScenarioPlan scenario, CustomerRecord customer, Frame frame)
    {
        var window = scenario.Within is { } within ? $"[at - {Show.Duration(within)}, at]" : "(-inf, at]";
        foreach (var e in customer.Events.Where(e => e.Type == scenario.EventType))
        {
            var inWindow = e.At <= at && (scenario.Within is not { } w || e.At >= at - w);
            if (!inWindow)
            {
                continue;
            }

            frame.Event = e.Payload;
            var holds = scenario.When?.Test(frame) ?? true;
            frame.Event = null;
            if (holds)
            {
                return new("scenario", ReasonCodes.Scenario, true, $"{scenario.EventType} at {Show.Instant(e.At)} in {window}");
            }
        }

        var condition = scenario.When is { } when ? $" with {when.Text}" : "";
        return new("scenario", ReasonCodes.Scenario, false, $"no {scenario.EventType} in {window}{condition}");
    }

    private static GateCheck Condition(string gate, string reason, Decisioning.Plan.CompiledCondition? condition, Frame frame)
    {
        if (condition is null)
        {
            return new(gate, reason, true, "no condition");
        }

        var holds = condition.Test(frame);
        return new(gate, reason, holds, $"{condition.Text} is {(holds ? "true" : "false")}");
    }

    private static GateCheck Held(StrategyPlan s, CustomerRecord customer)
    {
        var holds = customer.Holdings.Contains(s.Product.Id);
        var passes = s.Product.Repeatable || !holds;
        return new("held", ReasonCodes.AlreadyHeld, passes,
            $"{(holds ? "holds" : "does not hold")} {s.Product.Id}{(s.Product.Repeatable ? " (repeatable)" : "")}");
    }

    // A contact for this strategy in (at - cooldown, at].
    private GateCheck Cooldown(StrategyPlan s, CustomerRecord customer)
    {
        if (s.Cooldown is not { } cooldown)
        {
            return new("cooldown", ReasonCodes.Cooldown, true, "no cooldown");
        }

        var window = $"(at - {Show.Duration(cooldown)}, at]";
        var inside = customer.Contacts.FirstOrDefault(c => c.Strategy == s.Id && c.At > at - cooldown && c.At <= at);
        return new("cooldown", ReasonCodes.Cooldown, inside is null, inside is null
            ? $"no contact for {s.Id} in {window}"
            : $"contact for {s.Id} at {Show.Instant(inside.At)} in {window}");
    }

    // Spec section 10: the first rule with atLeast records of its kind in its window, while its pause runs.
    private GateCheck Suppression(StrategyPlan s, CustomerRecord customer)
    {
        foreach (var rule in plan.Suppression)
        {
            var times = rule.Count == SuppressionCount.Sent
                ? customer.Contacts.Where(c => rule.Scope switch
                {
                    SuppressionScope.Strategy => c.Strategy == s.Id,
                    SuppressionScope.Product => c.Product == s.Product.Id,
                    _ => true,
                }).Select(c => c.At)
                : customer.Responses.Where(r => r.Kind == rule.CountText && rule.Scope switch
                {
                    SuppressionScope.Strategy => Belongs(r, s),
                    SuppressionScope.Product => r.Product == s.Product.Id,
                    _ => true,
                }).Select(r => r.At);
            var counted = times.Where(t => t <= at && (rule.Within is not { } w || t > at - w)).ToList();
            if (counted.Count >= rule.AtLeast && at < counted.Max() + rule.Pause)
            {
                return new("suppression", ReasonCodes.Suppressed, false,
                    $"rule {rule.Id}: {counted.Count} {rule.CountText}, latest {Show.Instant(counted.Max())}, pause {Show.Duration(rule.Pause)}");
            }
        }

        return new("suppression", ReasonCodes.Suppressed, true, plan.Suppression.Count == 0 ? "no rules" : "no rule suppresses");
    }

    private static bool Belongs(ResponseRecord r, StrategyPlan s) => r.Strategy is { } id ? id == s.Id : r.Product == s.Product.Id;

    // Spec section 9, steps 1-4: the responded and wave gates, and the wave the strategy is decided as.
    private (GateCheck? Responded, GateCheck? Wave, int Number) Waves(StrategyPlan s, CustomerRecord customer)
    {
        if (!s.HasWaves)
        {
            return (null, null, 0);
        }

        var mine = customer.Contacts.Where(c => c.Strategy == s.Id && c.At <= at).ToList();
        var last = mine.OrderByDescending(c => c.At).ThenByDescending(c => c.Wave).FirstOrDefault();
        if (last is null)
        {
            return (new("responded", ReasonCodes.Responded, true, "no contact yet"), new("wave", ReasonCodes.WavePending, true, "wave 1"), 1);
        }

        var firsts = mine.Where(c => c.Wave == 1 && c.At <= last.At).Select(c => c.At).ToList();
        var start = last.Wave == 1 || firsts.Count == 0 ? last.At : firsts.Max();
        var stop = customer.Responses.FirstOrDefault(r => Belongs(r, s) && r.At >= start && r.At <= at && s.StopOn.Contains(r.Kind));
        if (stop is not null)
        {
            var cooling = s.Cooldown is { } cd && last.At > at - cd && last.At <= at;
            return (new("responded", ReasonCodes.Responded, !cooling, $"{stop.Kind} at {Show.Instant(stop.At)} since {Show.Instant(start)}"),
                new("wave", ReasonCodes.WavePending, true, "wave 1 again"), 1);
        }

        var responded = new GateCheck("responded", ReasonCodes.Responded, true, $"no stopping response since {Show.Instant(start)}");
        if (last.Wave >= s.Waves.Count)
        {
            return (responded, new("wave", ReasonCodes.WavePending, true, "after the last wave: wave 1"), 1);
        }

        var next = last.Wave + 1;
        var due = last.At + s.Waves[next - 1].After;
        return (responded, new("wave", ReasonCodes.WavePending, at >= due, $"wave {next} due at {Show.Instant(due)}"), next);
    }

    private (ChannelPlan? Channel, string? Script, string Detail) FirstChannel(StrategyPlan s, int wave, CustomerRecord customer, Frame frame,
        Dictionary<string, object?> fields)
    {
        var tried = new List<string>();
        foreach (var choice in wave > 1 ? s.Waves[wave - 1].Channels : s.Channels)
        {
            var channel = choice.Channel;
            if (!channel.Reachable.Test(frame))
            {
                tried.Add($"{channel.Id} unreachable ({channel.Reachable.Text} is false)");
                continue;
            }

            if (channel.MaxContacts is { } max && channel.Per is { } per)
            {
                var count = customer.Contacts.Count(c => c.Channel == channel.Id && c.At > at - per && c.At <= at);
                if (count >= max)
                {
                    tried.Add($"{channel.Id} has {count} contacts in (at - {Show.Duration(per)}, at], max {max}");
                    continue;
                }
            }

            var script = choice.Script?.Render(fields, s.Product.ScriptValue, channel.ScriptValue, s.ScriptValue);
            if (script is not null && channel.MaxLength is { } limit && script.Length > limit)
            {
                tried.Add($"{channel.Id} script is {script.Length} long, maxLength {limit}");
                continue;
            }

            tried.Add($"{channel.Id} passes");
            return (channel, script, string.Join("; ", tried));
        }

        return (null, null, tried.Count == 0 ? "no channels" : string.Join("; ", tried));
    }
}
