using Decisioning.Evaluation;
using Decisioning.Plan;

namespace Decisioning.Testing.Checks;

/// <summary>
/// Spec section 3, step 4, on the model's choice: at most <c>maxActions</c>, one per product (when
/// <c>onePerProduct</c>) and per channel (when <c>onePerChannel</c>), ranked by score, then priority,
/// then file order; and every strategy dropped by arbitration had no room left above it. A dropped
/// strategy's score is the oracle's, before any host policy: a policy that scales scores can make
/// that last check disagree.
/// </summary>
internal static class ArbitrationCheck
{
    public static string? Run(MapProperties map, GeneratedCustomer customer)
    {
        var (decision, recheck) = GateAgreement.Decide(map, customer);
        var limits = map.Plan.Arbitration;
        var model = decision.Counterfactual ?? decision.Actions;
        var problems = new List<string>();
        if (model.Count > limits.MaxActions)
        {
            problems.Add($"{model.Count} actions, but maxActions is {limits.MaxActions}");
        }

        for (var i = 0; i < model.Count; i++)
        {
            if (model[i].Rank != i + 1)
            {
                problems.Add($"{Show.Action(model[i])} is at place {i + 1}");
            }

            if (i > 0 && !Outranks(map.Plan, model[i - 1].Score, model[i - 1].Strategy, model[i].Score, model[i].Strategy))
            {
                problems.Add($"{Show.Action(model[i - 1])} is ranked above {Show.Action(model[i])}");
            }
        }

        Distinct(limits.OnePerProduct, "product", model, a => a.Product, problems);
        Distinct(limits.OnePerChannel, "channel", model, a => a.Channel, problems);
        var selected = decision.Trace.Where(t => t.Outcome == TraceEntry.Selected).Select(t => t.Strategy).Order(StringComparer.Ordinal);
        if (!selected.SequenceEqual(model.Select(a => a.Strategy).Order(StringComparer.Ordinal)))
        {
            problems.Add($"the trace selects [{string.Join(", ", selected)}] but the model's actions are [{string.Join(", ", model.Select(a => a.Strategy))}]");
        }

        foreach (var dropped in decision.Trace.Where(t => t.Reason == ReasonCodes.Arbitration))
        {
            if (recheck.Of(dropped.Strategy) is { FirstFailure: null } check && Unexplained(map.Plan, check, model) is { } why)
            {
                problems.Add(why);
            }
        }

        return GateAgreement.Report("arbitration broke its limits", problems, customer, decision);
    }

    // Score descending, then priority descending, then file order.
    internal static bool Outranks(DecisionPlan plan, double scoreA, string a, double scoreB, string b)
    {
        if (scoreA != scoreB)
        {
            return scoreA > scoreB;
        }

        var (sa, sb) = (plan.Strategies.First(s => s.Id == a), plan.Strategies.First(s => s.Id == b));
        return sa.Priority != sb.Priority ? sa.Priority > sb.Priority : sa.Index < sb.Index;
    }

    internal static void Distinct(bool limit, string what, IReadOnlyList<DecisionAction> actions, Func<DecisionAction, string> key, List<string> problems)
    {
        if (!limit)
        {
            return;
        }

        foreach (var same in actions.GroupBy(key).Where(g => g.Count() > 1))
        {
            problems.Add($"onePer{char.ToUpperInvariant(what[0])}{what[1..]} is set, but {same.Count()} actions share {what} {same.Key}: " +
                string.Join("; ", same.Select(Show.Action)));
        }
    }

    private static string? Unexplained(DecisionPlan plan, StrategyCheck dropped, IReadOnlyList<DecisionAction> model)
    {
        var id = dropped.Strategy.Id;
        var ahead = model.Where(a => Outranks(plan, a.Score, a.Strategy, dropped.Score, id)).ToList();
        var limits = plan.Arbitration;
        if (ahead.Count >= limits.MaxActions ||
            (limits.OnePerProduct && ahead.Any(a => a.Product == dropped.Strategy.Product.Id)) ||
            (limits.OnePerChannel && ahead.Any(a => a.Channel == dropped.Channel?.Id)))
        {
            return null;
        }

        return $"{id} (score {dropped.Score:0.####}, product {dropped.Strategy.Product.Id}, channel {dropped.Channel?.Id}) was dropped by arbitration, " +
            $"but only [{string.Join("; ", ahead.Select(Show.Action))}] rank above it and none shares what a limit forbids";
    }
}
