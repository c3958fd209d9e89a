using System.Globalization;

namespace Decisioning.Tests.CrossCheck;

/// <summary>
/// A deliberately plain reading of spec section 3, straight from a <see cref="RandomMap"/>: no
/// plan, no compiled delegates, no shared code with src/Decisioning/Evaluation or Compilation.
/// Written to be checked against the spec line by line, not to be fast.
/// </summary>
public static class ReferenceEvaluator
{
    public static RefDecision Decide(RandomMap map, RandomCustomer customer, DateTime at)
    {
        // Step 1: tier, stage, segments, each seeing what the earlier ones found.
        var env = new CondEnv(customer);
        var tier = map.Tiers.FirstOrDefault(t => t.When.Eval(env))?.Id;
        env = env with { Tier = tier };
        var stage = map.Stages.FirstOrDefault(s => s.When.Eval(env))?.Id;
        env = env with { Stage = stage };
        var segments = map.Segments
            .Where(s => s.Members is { } members ? members.Contains(customer.Id) : s.When!.Eval(env))
            .Select(s => s.Id)
            .ToList();
        env = env with { Segments = segments };

        // Step 2 and 3: the gates in order, then the score of each candidate.
        var reasons = new string?[map.Strategies.Count];
        var waves = new int[map.Strategies.Count];
        var rules = new string?[map.Strategies.Count];
        var candidates = new List<RefCandidate>();
        for (var i = 0; i < map.Strategies.Count; i++)
        {
            var s = map.Strategies[i];
            reasons[i] = ReferenceGates.FirstFailure(map, s, customer, env, at, out var channel, out var script, out waves[i], out rules[i]);
            if (reasons[i] is null)
            {
                var propensity = Propensity(map, s, customer);
                var product = map.Products.Single(p => p.Id == s.Product);
                var weight = s.Objective is null ? 1.0 : map.Objectives.Single(o => o.Id == s.Objective).EffectiveWeight;
                var score = propensity * (product.Value ?? 1.0) * weight * s.EffectivePriority / 100;
                candidates.Add(new RefCandidate(s, i, channel!, script, score, propensity, waves[i]));
            }
        }

        // Step 4: arbitration; section 11's fallback is set aside and returned only when it returns nothing.
        var fallback = candidates.FirstOrDefault(c => c.Strategy.Id == map.Arbitration?.Fallback);
        candidates.Remove(fallback!);
        var model = Arbitrate(map, candidates, byScore: true);
        if (model.Count == 0 && fallback is not null)
        {
            model = [fallback with { Fallback = true }];
        }

        var trace = new List<RefTrace>();
        for (var i = 0; i < map.Strategies.Count; i++)
        {
            var reason = reasons[i] ?? (model.Any(c => c.Index == i) ? null : "arbitration");
            trace.Add(new RefTrace(map.Strategies[i].Id, reason, reason == "suppressed" ? rules[i] : null,
                reason is not null && waves[i] > 1 ? waves[i] : null));
        }

        // Step 5: the experiment.
        RefExperiment? experiment = null;
        var actions = model;
        List<RefCandidate>? counterfactual = null;
        if (map.Experiment is { } e)
        {
            var bucket = ReferenceHash.Bucket(e.EffectiveSalt, customer.Id);
            var control = bucket < e.Control;
            experiment = new RefExperiment(e.Id, control ? "control" : "model", bucket, e.Control);
            if (control)
            {
                counterfactual = model;
                actions = e.EffectivePolicy switch
                {
                    "priority" => Arbitrate(map, candidates, byScore: false),
                    "random" when candidates.Count > 0 =>
                        [candidates[ReferenceHash.RandomPick(e.EffectiveSalt, customer.Id, candidates.Count)]],
                    _ => [],
                };
            }
        }

        // Section 11: why there is no action.
        string? noAction = null;
        if (actions.Count == 0)
        {
            noAction = experiment?.Group == "control" && map.Experiment!.EffectivePolicy == "none"
                ? "control"
                : FurthestReason(trace);
        }

        return new RefDecision(customer.Id, map.Id, map.Version, at, tier, stage, segments, experiment,
            Ranked(map, actions), counterfactual is null ? null : Ranked(map, counterfactual), trace, noAction);
    }

    /// <summary>The gates in the order they run, then arbitration: a later one got further.</summary>
    private static readonly string[] GateOrder =
        ["inactive", "not-targeted", "scenario", "condition", "ineligible", "already-held", "suppressed", "responded", "wave-pending",
            "cooldown", "no-channel", "policy", "arbitration"];

    /// <summary>The reason of the strategy that got furthest, the first in file order on a tie; <c>no-strategies</c> for none.</summary>
    private static string FurthestReason(List<RefTrace> trace)
    {
        var best = trace.Where(t => t.Reason is not null)
            .Select((t, i) => (t.Reason!, Rank: Array.IndexOf(GateOrder, t.Reason), File: i))
            .OrderByDescending(x => x.Rank).ThenBy(x => x.File)
            .FirstOrDefault();
        return best.Item1 ?? "no-strategies";
    }

    /// <summary>
    /// Score descending (priority alone for the control policy <c>priority</c>), ties by priority
    /// descending, then file order; at most one per product / channel when set, at most maxActions.
    /// </summary>
    private static List<RefCandidate> Arbitrate(RandomMap map, List<RefCandidate> candidates, bool byScore)
    {
        var ordered = candidates
            .OrderByDescending(c => byScore ? c.Score : 0)
            .ThenByDescending(c => c.Strategy.EffectivePriority)
            .ThenBy(c => c.Index)
            .ToList();
        var maxActions = map.Arbitration?.MaxActions ?? 1;
        var onePerProduct = map.Arbitration?.OnePerProduct ?? true;
        var onePerChannel = map.Arbitration?.OnePerChannel ?? false;
        var kept = new List<RefCandidate>();
        foreach (var c in ordered)
        {
            if (kept.Count == maxActions)
            {
                break;
            }

            if ((onePerProduct && kept.Any(k => k.Strategy.Product == c.Strategy.Product))
                || (onePerChannel && kept.Any(k => k.Channel == c.Channel)))
            {
                continue;
            }

            kept.Add(c);
        }

        return kept;
    }

    private static List<RefAction> Ranked(RandomMap map, List<RefCandidate> chosen) =>
        chosen.Select((c, i) => new RefAction(i + 1, c.Strategy.Id, c.Strategy.Objective, c.Strategy.Scenario,
            c.Strategy.Product, c.Channel, c.Script, c.Score, c.Propensity, c.Wave > 0 ? c.Wave : null, c.Fallback ? true : null)).ToList();

    /// <summary>Spec section 8: <c>1 / (1 + exp(-(intercept + sum(coef * x))))</c>, the sum taken first.</summary>
    public static double Propensity(RandomMap map, RStrategy s, RandomCustomer customer)
    {
        if (s.Model is { } modelId)
        {
            var model = map.Models.Single(m => m.Id == modelId);
            var sum = 0.0;
            foreach (var (field, weight) in model.Coefficients)
            {
                sum += weight * AsNumber(customer.Get(field));
            }

            return 1.0 / (1.0 + Math.Exp(-(model.Intercept + sum)));
        }

        return s.Propensity ?? 1.0;
    }

    /// <summary>A bool counts 1 when true; a null counts 0; a decimal is the JSON number as a double.</summary>
    private static double AsNumber(object? value) => value switch
    {
        null => 0.0,
        bool b => b ? 1.0 : 0.0,
        int i => i,
        decimal d => double.Parse(d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"not a number: {value}"),
    };
}
