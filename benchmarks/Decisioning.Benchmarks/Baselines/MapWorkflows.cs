using Decisioning.Plan;

namespace Decisioning.Benchmarks.Baselines;

/// <summary>One named group of rules, each a map expression as written.</summary>
public sealed record RuleGroup(string Name, IReadOnlyList<(string Name, string Expression)> Rules);

/// <summary>
/// A compiled map turned into rule groups the way a RulesEngine user would write them: one rule
/// per tier, per stage, per computed segment, and one per expression gate of each strategy
/// (<c>when</c>, the product's <c>eligible</c>), one per channel's <c>reachable</c>, plus one group
/// per event scenario's condition. Only the expression text crosses over; every other gate is
/// written in plain C# by <see cref="PlainDecider"/>.
/// </summary>
public sealed class MapWorkflows
{
    public const string Tiers = "tiers";
    public const string Stages = "stages";
    public const string Segments = "segments";
    public const string Gates = "gates";

    public MapWorkflows(DecisionPlan plan)
    {
        Plan = plan;
        var gates = new List<(string, string)>();
        WhenRule = new int[plan.Strategies.Count];
        EligibleRule = new int[plan.Strategies.Count];
        foreach (var s in plan.Strategies)
        {
            WhenRule[s.Index] = s.When is { } when ? Add(gates, $"{s.Id}/when", when.Text) : -1;
            EligibleRule[s.Index] = Add(gates, $"{s.Id}/eligible", s.Product.Eligible.Text);
        }

        // Every channel a strategy or one of its waves may use (spec section 9).
        var channels = plan.Strategies.SelectMany(s => s.Waves.SelectMany(w => w.Channels).Concat(s.Channels)).Select(c => c.Channel).DistinctBy(c => c.Id);
        ChannelRule = channels.ToDictionary(c => c.Id, c => Add(gates, $"reachable/{c.Id}", c.Reachable.Text), StringComparer.Ordinal);

        var groups = new List<RuleGroup>
        {
            new(Tiers, [.. plan.Tiers.Select(t => (t.Id, t.When.Text))]),
            new(Stages, [.. plan.Stages.Select(t => (t.Id, t.When.Text))]),
            new(Segments, [.. plan.Segments.Where(s => s.When is not null).Select(s => (s.Id, s.When!.Text))]),
            new(Gates, gates),
        };
        var scenarios = plan.Strategies.Select(s => s.Scenario).OfType<ScenarioPlan>().Where(s => s.When is not null).DistinctBy(s => s.Id);
        groups.AddRange(scenarios.Select(s => new RuleGroup(ScenarioGroup(s), [(s.Id, s.When!.Text)])));
        Groups = groups;
    }

    public DecisionPlan Plan { get; }

    public IReadOnlyList<RuleGroup> Groups { get; }

    /// <summary>Per strategy, the index of its rules in the <see cref="Gates"/> group's results (-1: none).</summary>
    public int[] WhenRule { get; }

    public int[] EligibleRule { get; }

    /// <summary>Per channel id, the index of its <c>reachable</c> rule in the <see cref="Gates"/> group's results.</summary>
    public IReadOnlyDictionary<string, int> ChannelRule { get; }

    public int GateCount => Groups.Single(g => g.Name == Gates).Rules.Count;

    internal static string ScenarioGroup(ScenarioPlan scenario) => "scenario/" + scenario.Id;

    private static int Add(List<(string, string)> rules, string name, string expression)
    {
        rules.Add((name, expression));
        return rules.Count - 1;
    }
}
