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
            if (Passes(s, input, at) && FirstChannel(s, input, at) is { } choice)
            {
                var weight = s.Objective?.Weight ?? 1.0;
                var score = s.Propensity.Evaluate(customer) * s.Product.Value * weight * s.Priority / 100;
                candidates.Add((s, choice.Channel, choice.Script, score));
            }
        }

        var chosen = Arbitrate(candidates, byScore: true);
        if (Plan.Experiment is { } e && ExperimentHash.Bucket(e.Salt, customer.Id) < e.Control)
        {
            chosen = e.Policy switch
            {
                ControlPolicy.Priority => Arbitrate(candidates, byScore: false),
                ControlPolicy.Random when candidates.Count > 0 => [candidates[ExperimentHash.RandomPick(e.Salt, customer.Id, candidates.Count)]],
                _ => [],
            };
        }

        return [.. chosen.Select((c, i) => new PlainAction(i + 1, c.Strategy.Id, c.Channel.Channel.Id,
            c.Script ?? c.Channel.Script?.Render(input.ScriptValue, c.Strategy.Product.ScriptValue, c.Channel.Channel.ScriptValue, c.Strategy.ScriptValue),
            c.Score))];
    }

    private bool Passes(StrategyPlan s, RuleInput input, DateTime at)
    {
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

        return s.Cooldown is not { } cooldown || !customer.Contacts.Any(c => c.Strategy == s.Id && c.At > at - cooldown && c.At <= at);
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

    private (ChannelChoice Channel, string? Script)? FirstChannel(StrategyPlan s, RuleInput input, DateTime at)
    {
        var reachable = _map.ReachableRule[s.Index];
        for (var i = 0; i < s.Channels.Count; i++)
        {
            var choice = s.Channels[i];
            var channel = choice.Channel;
            if (!_gates[reachable[i]])
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
