using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Benchmarks.Baselines;

/// <summary>One action chosen by <see cref="PlainDecider"/>.</summary>
public sealed record PlainAction(int Rank, string Strategy, string Channel, string? Script, double Score);

/// <summary>
/// The decision of spec section 3 completed in plain C# around a rule engine: the engine
/// answers the expressions (<see cref="IConditionSet"/>), this class applies the other gates,
/// the score, arbitration and the experiment, as a C# team would write them by hand. Scripts are
/// rendered only where needed: for a channel with <c>maxLength</c>, and for the chosen actions.
/// Not thread-safe (it reuses its result arrays).
/// </summary>
public sealed class PlainDecider
{
    private readonly MapWorkflows _map;
    private readonly IConditionSet _conditions;
    private readonly bool[] _tiers, _stages, _segmentRules, _gates, _scenario = new bool[1];
    private readonly bool[] _inSegment;

    public PlainDecider(MapWorkflows map, IConditionSet conditions)
    {
        _map = map;
        _conditions = conditions;
        _tiers = new bool[map.Plan.Tiers.Count];
        _stages = new bool[map.Plan.Stages.Count];
        _segmentRules = new bool[map.Plan.Segments.Count];
        _inSegment = new bool[map.Plan.Segments.Count];
        _gates = new bool[map.GateCount];
    }

    private DecisionPlan Plan => _map.Plan;

    public List<PlainAction> Decide(RuleInput input, DateTime at)
    {
        var customer = input.Record;
        input.tier = input.stage = null;
        input.segments = [];
        _conditions.Evaluate(MapWorkflows.Tiers, input, _tiers);
        input.tier = First(Plan.Tiers, _tiers);
        _conditions.Evaluate(MapWorkflows.Stages, input, _stages);
        input.stage = First(Plan.Stages, _stages);
        _conditions.Evaluate(MapWorkflows.Segments, input, _segmentRules);
        var rule = 0;
        for (var i = 0; i < Plan.Segments.Count; i++)
        {
            var segment = Plan.Segments[i];
            _inSegment[i] = segment.Members is { } members ? members.Contains(customer.Id) : _segmentRules[rule++];
            if (_inSegment[i])
            {
                input.segments.Add(segment.Id);
            }
        }

        _conditions.Evaluate(MapWorkflows.Gates, input, _gates);
        var candidates = new List<(StrategyPlan Strategy, ChannelChoice Channel, string? Script, double Score)>();
        foreach (var s in Plan.Strategies)
        {
            if (Plan.Arbitration.Fallback != s.Index && Candidate(s, input, at) is { } candidate)
            {
                candidates.Add(candidate);
            }
        }

        var chosen = Arbitrate(candidates, byScore: true);
        if (Plan.Experiment is { } e && ExperimentHash.Bucket(e.Salt, customer.Id) < e.Control)
        {
            chosen = e.Policy switch
            {
                ControlPolicy.Priority => Arbitrate(candidates, byScore: false),
                ControlPolicy.Random when candidates.Count > 0 => [candidates[ExperimentHash.RandomPick(e.Salt, customer.Id, candidates.Count)]],
                ControlPolicy.Random or ControlPolicy.Priority => WithFallback([], input, at),
                _ => [],
            };
        }
        else
        {
            chosen = WithFallback(chosen, input, at);
        }

        return [.. chosen.Select((c, i) => new PlainAction(i + 1, c.Strategy.Id, c.Channel.Channel.Id,
            c.Script ?? c.Channel.Script?.Render(input.ScriptValue, c.Strategy.Product.ScriptValue, c.Channel.Channel.ScriptValue, c.Strategy.ScriptValue),
            c.Score))];
    }

    // Spec section 11: the fallback strategy is considered only when arbitration returns nothing.
    private List<(StrategyPlan Strategy, ChannelChoice Channel, string? Script, double Score)> WithFallback(
        List<(StrategyPlan Strategy, ChannelChoice Channel, string? Script, double Score)> chosen, RuleInput input, DateTime at) =>
        chosen.Count == 0 && Plan.Arbitration.Fallback >= 0 && Candidate(Plan.Strategies[Plan.Arbitration.Fallback], input, at) is { } fallback
            ? [fallback]
            : chosen;

    private (StrategyPlan Strategy, ChannelChoice Channel, string? Script, double Score)? Candidate(StrategyPlan s, RuleInput input, DateTime at)
    {
        if (!Passes(s, input, at, out var channels) || FirstChannel(s, channels, input, at) is not { } choice)
        {
            return null;
        }

        var weight = s.Objective?.Weight ?? 1.0;
        return (s, choice.Channel, choice.Script, s.Propensity.Evaluate(input.Record) * s.Product.Value * weight * s.Priority / 100);
    }

    private bool Passes(StrategyPlan s, RuleInput input, DateTime at, out IReadOnlyList<ChannelChoice> channels)
    {
        channels = s.Channels;
        var customer = input.Record;
        if ((s.ActiveFrom is { } from && at < from) || (s.ActiveTo is { } to && at >= to))
        {
            return false;
        }

        if (s.Target is { } target && !target.Any(i => _inSegment[i]))
        {
            return false;
        }

        if (s.Scenario is { } scenario && !ScenarioHolds(scenario, input, at))
        {
            return false;
        }

        if ((_map.WhenRule[s.Index] is var w and >= 0 && !_gates[w]) || !_gates[_map.EligibleRule[s.Index]])
        {
            return false;
        }

        if (!s.Product.Repeatable && customer.Holdings.Contains(s.Product.Id))
        {
            return false;
        }

        if (Suppressed(s, customer, at))
        {
            return false;
        }

        var followUp = false;
        if (s.HasWaves)
        {
            if (!WaveDue(s, customer, at, out var wave))
            {
                return false;
            }

            followUp = wave > 1;
            channels = s.Waves[wave - 1].Channels;
        }

        return followUp || s.Cooldown is not { } cooldown || !customer.Contacts.Any(c => c.Strategy == s.Id && c.At > at - cooldown && c.At <= at);
    }

    // Spec section 10: suppressed by the first rule with enough counted records whose pause runs.
    private bool Suppressed(StrategyPlan s, CustomerRecord customer, DateTime at)
    {
        foreach (var rule in Plan.Suppression)
        {
            bool InWindow(DateTime t) => t <= at && (rule.Within is not { } w || t > at - w);
            var counted = rule.Count == SuppressionCount.Sent
                ? customer.Contacts.Where(c => InWindow(c.At) && rule.Scope switch
                {
                    SuppressionScope.Strategy => c.Strategy == s.Id,
                    SuppressionScope.Product => c.Product == s.Product.Id,
                    _ => true,
                }).Select(c => c.At).ToList()
                : customer.Responses.Where(r => r.Kind == rule.CountText && InWindow(r.At) && rule.Scope switch
                {
                    SuppressionScope.Strategy => Belongs(r, s),
                    SuppressionScope.Product => r.Product == s.Product.Id,
                    _ => true,
                }).Select(r => r.At).ToList();
            if (counted.Count >= rule.AtLeast && at < counted.Max() + rule.Pause)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Belongs(ResponseRecord r, StrategyPlan s) => r.Strategy is { } id ? id == s.Id : r.Product == s.Product.Id;

    // Spec section 9: which wave is due, or false for responded / wave-pending.
    private static bool WaveDue(StrategyPlan s, CustomerRecord customer, DateTime at, out int wave)
    {
        wave = 1;
        var last = customer.Contacts.Where(c => c.Strategy == s.Id && c.At <= at).OrderByDescending(c => c.At).ThenByDescending(c => c.Wave).FirstOrDefault();
        if (last is null)
        {
            return true;
        }

        var start = last.Wave == 1 ? last.At
            : customer.Contacts.Where(c => c.Strategy == s.Id && c.Wave == 1 && c.At <= last.At).Select(c => (DateTime?)c.At).Max() ?? last.At;
        if (customer.Responses.Any(r => r.At >= start && r.At <= at && Belongs(r, s) && s.StopOn.Contains(r.Kind)))
        {
            return s.Cooldown is not { } cooldown || !(last.At > at - cooldown);
        }

        if (last.Wave < s.Waves.Count)
        {
            wave = last.Wave + 1;
            return at >= last.At + s.Waves[wave - 1].After;
        }

        return true;
    }

    private bool ScenarioHolds(ScenarioPlan scenario, RuleInput input, DateTime at)
    {
        var customer = input.Record;
        switch (scenario.Kind)
        {
            case ScenarioKind.Lifecycle:
                return input.stage is { } stage && scenario.Stages.Contains(stage);
            case ScenarioKind.Product:
                return !scenario.Lacks.Any(customer.Holdings.Contains) && scenario.Holds.All(customer.Holdings.Contains);
            case ScenarioKind.Event:
                foreach (var e in customer.Events)
                {
                    if (e.Type != scenario.EventType || e.At > at || (scenario.Within is { } within && e.At < at - within))
                    {
                        continue;
                    }

                    if (scenario.When is null)
                    {
                        return true;
                    }

                    input.@event = new EventInput { amount = e.Payload?.Layout.Find("amount") is { } slot ? e.Payload.Dec[slot.Slot] : 0 };
                    _conditions.Evaluate(MapWorkflows.ScenarioGroup(scenario), input, _scenario);
                    input.@event = null;
                    if (_scenario[0])
                    {
                        return true;
                    }
                }

                return false;
            default:
                return true;
        }
    }

    private (ChannelChoice Channel, string? Script)? FirstChannel(StrategyPlan s, IReadOnlyList<ChannelChoice> channels, RuleInput input, DateTime at)
    {
        for (var i = 0; i < channels.Count; i++)
        {
            var choice = channels[i];
            var channel = choice.Channel;
            if (!_gates[_map.ChannelRule[channel.Id]])
            {
                continue;
            }

            if (channel.MaxContacts is { } max &&
                input.Record.Contacts.Count(c => c.Channel == channel.Id && c.At > at - channel.Per!.Value && c.At <= at) >= max)
            {
                continue;
            }

            string? script = null;
            if (channel.MaxLength is { } limit && choice.Script is { } template)
            {
                script = template.Render(input.ScriptValue, s.Product.ScriptValue, channel.ScriptValue, s.ScriptValue);
                if (script.Length > limit)
                {
                    continue;
                }
            }

            return (choice, script);
        }

        return null;
    }

    private List<(StrategyPlan Strategy, ChannelChoice Channel, string? Script, double Score)> Arbitrate(
        List<(StrategyPlan Strategy, ChannelChoice Channel, string? Script, double Score)> candidates, bool byScore)
    {
        var ordered = byScore
            ? candidates.OrderByDescending(c => c.Score).ThenByDescending(c => c.Strategy.Priority).ThenBy(c => c.Strategy.Index)
            : candidates.OrderByDescending(c => c.Strategy.Priority).ThenBy(c => c.Strategy.Index);
        var kept = new List<(StrategyPlan Strategy, ChannelChoice Channel, string? Script, double Score)>();
        foreach (var c in ordered)
        {
            if (kept.Count >= Plan.Arbitration.MaxActions)
            {
                break;
            }

            if ((Plan.Arbitration.OnePerProduct && kept.Any(k => k.Strategy.Product.Id == c.Strategy.Product.Id)) ||
                (Plan.Arbitration.OnePerChannel && kept.Any(k => k.Channel.Channel.Id == c.Channel.Channel.Id)))
            {
                continue;
            }

            kept.Add(c);
        }

        return kept;
    }

    private static string? First(IReadOnlyList<NamedRule> rules, bool[] results)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            if (results[i])
            {
                return rules[i].Id;
            }
        }

        return null;
    }
}
