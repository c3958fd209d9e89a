using Decisioning.Plan;
using System.Globalization;
using Decisioning.Adaptive;
using FsCheck.Xunit;
using Xunit;

namespace Decisioning.Tests.Adaptive;

/// <summary>
/// Learning on random decision logs, snapshots and outcomes against a plain re-implementation of
/// the rules (<see cref="Reference"/>), and the additivity of states: learning two halves and
/// adding the states equals learning the whole.
/// </summary>
public sealed class LearningPropertiesTests : IDisposable
{
    private static readonly DateTime LearnAt = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string?[] Cities = ["上海", "北京", "深圳", null];
    private static readonly string?[] Tiers = ["rich", "mass", null];
    private static readonly string[] Kinds = ["responded", "declined", "converted"];
    private readonly AdaptiveMaps _maps = new();

    private sealed record Customer(string Id, int? Age, double Aum, bool Retiree, string? City);

    private sealed record Contact(string Customer, DateTime At, string? Tier, string[] Actions, string[] Counterfactual);

    private sealed record Response(string Customer, DateTime At, string? Strategy, string? Product, string Kind);

    private sealed record Model(int[] Edges, double Prior, double PriorWeight, int MinEvidence, int WindowDays, string[] Positive)
    {
        public string Yaml => string.Create(CultureInfo.InvariantCulture, $"""
                predictors:
                  age: [{string.Join(", ", Edges)}]
                  isRetiree: bool
                  tier: category
                  city: category
                prior: {Prior}
                priorWeight: {PriorWeight}
                minEvidence: {MinEvidence}
                window: {WindowDays}d
                positive: [{string.Join(", ", Positive)}]
            """);
    }

    private sealed record World(Model Model, List<Customer> Customers, List<Contact> Contacts, List<Response> Responses)
    {
        public string Snapshots => string.Join("\n", Customers.Select(c => string.Create(CultureInfo.InvariantCulture,
            $$"""{"customerId": "{{c.Id}}", "age": {{(c.Age is { } a ? a.ToString(CultureInfo.InvariantCulture) : "null")}}, "aum": {{c.Aum}}, "isRetiree": {{(c.Retiree ? "true" : "false")}}, "city": {{Json(c.City)}}}""")));

        public static string Decisions(IEnumerable<Contact> contacts) => string.Join("\n", contacts.Select(c =>
            $$"""{"customerId": "{{c.Customer}}", "at": "{{Iso(c.At)}}", "tier": {{Json(c.Tier)}}, "stage": null, "actions": [{{Actions(c.Actions)}}], "counterfactual": [{{Actions(c.Counterfactual)}}]}"""));

        public string Outcomes => string.Join("\n", Responses.Select(r =>
            $$"""{"customerId": "{{r.Customer}}", "at": "{{Iso(r.At)}}", "strategy": {{Json(r.Strategy)}}, "product": {{Json(r.Product)}}, "kind": "{{r.Kind}}"}"""));

        private static string Actions(string[] strategies) => string.Join(", ", strategies.Select((s, i) => $$"""{"rank": {{i + 1}}, "strategy": "{{s}}"}"""));

        private static string Json(string? text) => text is null ? "null" : $"\"{text}\"";

        private static string Iso(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static World Generate(int seed)
    {
        var random = new Random(seed);
        var edges = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(18, 80)).Distinct().Order().ToArray();
        var positive = Kinds.Where(_ => random.Next(2) == 0).ToArray();
        var model = new Model(edges, Math.Round(random.NextDouble(), 3), random.Next(0, 30), random.Next(0, 40), random.Next(1, 20),
            positive.Length > 0 ? positive : ["converted"]);
        var customers = Enumerable.Range(0, random.Next(5, 40)).Select(i => new Customer(
            $"C{i}", random.Next(6) == 0 ? null : random.Next(15, 90), random.Next(0, 4) * 40000, random.Next(2) == 0,
            Cities[random.Next(Cities.Length)])).ToList();
        DateTime Time() => LearnAt.AddHours(-random.Next(0, 24 * 60));
        string[] Strategies() => new[] { "s-fund", "s-card" }.Where(_ => random.Next(3) > 0).ToArray();
        var contacts = Enumerable.Range(0, random.Next(0, 120)).Select(_ => new Contact(
            customers[random.Next(customers.Count)].Id, Time(), Tiers[random.Next(Tiers.Length)], Strategies(), Strategies())).ToList();
        var responses = Enumerable.Range(0, random.Next(0, 120)).Select(_ => new Response(
            customers[random.Next(customers.Count)].Id, LearnAt.AddHours(24 * 5 - random.Next(0, 24 * 65)),
            new[] { "s-fund", "s-card", null }[random.Next(3)], new[] { "fund", "card", null }[random.Next(3)], Kinds[random.Next(3)])).ToList();
        return new World(model, customers, contacts, responses);
    }

    /// <summary>The rules of docs/adaptive.md, written out plainly over the generated records.</summary>
    private static class Reference
    {
        public static (long P, long N, Dictionary<string, Dictionary<string, (long Pos, long Neg)>> Bins) Learn(World w)
        {
            long p = 0, n = 0;
            var bins = new Dictionary<string, Dictionary<string, (long, long)>>
            {
                ["age"] = [], ["isRetiree"] = [], ["tier"] = [], ["city"] = [],
            };
            var window = TimeSpan.FromDays(w.Model.WindowDays);
            foreach (var c in w.Contacts)
            {
                foreach (var strategy in c.Actions.Where(s => s == "s-fund"))
                {
                    var positive = w.Responses.Any(r => r.Customer == c.Customer && (r.Strategy == "s-fund" || (r.Strategy is null && r.Product == "fund")) &&
                        w.Model.Positive.Contains(r.Kind) && r.At >= c.At && r.At <= c.At + window && r.At <= LearnAt);
                    if (!positive && c.At + window >= LearnAt)
                    {
                        continue;
                    }

                    _ = positive ? p++ : n++;
                    var customer = w.Customers.First(x => x.Id == c.Customer);
                    foreach (var (name, bin) in Keys(w.Model, customer, c.Tier))
                    {
                        var (pos, neg) = bins[name].GetValueOrDefault(bin);
                        bins[name][bin] = positive ? (pos + 1, neg) : (pos, neg + 1);
                    }
                }
            }

            return (p, n, bins);
        }

        public static IEnumerable<(string Name, string Bin)> Keys(Model m, Customer c, string? tier)
        {
            yield return ("age", c.Age is { } age ? "age" + m.Edges.Count(e => e <= age) : "null");
            yield return ("isRetiree", c.Retiree ? "true" : "false");
            yield return ("tier", tier ?? "null");
            yield return ("city", c.City ?? "null");
        }

        public static double Propensity(Model m, (long P, long N, Dictionary<string, Dictionary<string, (long Pos, long Neg)>> Bins) s, Customer c)
        {
            double p = s.P, n = s.N, w = m.PriorWeight;
            if (p + n < m.MinEvidence)
            {
                return (p + w * m.Prior) / (p + n + w);
            }

            var tier = c.Aum >= 100000 ? "rich" : c.Aum >= 50000 ? "mass" : null;
            var logit = Math.Log((p + w * m.Prior) / (n + w * (1 - m.Prior)));
            var sum = 0.0;
            foreach (var (name, bin) in Keys(m, c, tier))
            {
                var seen = s.Bins[name];
                var b = name switch
                {
                    "age" => m.Edges.Length + 2,
                    "isRetiree" => 3,
                    _ => seen.Keys.Count(k => k != "null") + 2,
                };
                var (pos, neg) = seen.GetValueOrDefault(bin);
                sum += Math.Log((pos + 1) / (p + b)) - Math.Log((neg + 1) / (n + b));
            }

            return 1 / (1 + Math.Exp(-(logit + sum)));
        }
    }

    private (AdaptiveState State, Decisioning.Plan.DecisionPlan Plan) LearnFromFiles(World w, IEnumerable<Contact> contacts)
    {
        var plan = _maps.Load(w.Model.Yaml);
        var (state, _) = FileLearning.Learn(plan, World.Decisions(contacts).Split('\n'), w.Snapshots.Split('\n'),
            w.Outcomes.Split('\n'), LearnAt);
        return (state, plan);
    }

    [Property(MaxTest = 40)]
    public void Learn_RandomHistory_CountsAsTheReferenceDoes(int seed)
    {
        var world = Generate(seed);
        var (state, _) = LearnFromFiles(world, world.Contacts);
        var expected = Reference.Learn(world);

        var m1 = state.Find("m1", "s-fund")!;
        Assert.Equal((expected.P, expected.N), (m1.Positives, m1.Negatives));
        var age = m1.Find("age")!;
        for (var bin = 0; bin < age.Fixed.Length; bin++)
        {
            var (pos, neg) = expected.Bins["age"].GetValueOrDefault(bin == 0 ? "null" : "age" + (bin - 1));
            Assert.Equal(new BinCount(pos, neg), age.Fixed[bin]);
        }

        Assert.Equal([Count(expected.Bins["isRetiree"], "null"), Count(expected.Bins["isRetiree"], "false"), Count(expected.Bins["isRetiree"], "true")],
            m1.Find("isRetiree")!.Fixed);
        foreach (var name in new[] { "tier", "city" })
        {
            var counts = m1.Find(name)!;
            Assert.Equal(Count(expected.Bins[name], "null"), counts.Fixed[0]);
            Assert.Equal(expected.Bins[name].Where(x => x.Key != "null").OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => (x.Key, new BinCount(x.Value.Pos, x.Value.Neg))),
                counts.Values.Select(x => (x.Key, x.Value)));
        }
    }

    [Property(MaxTest = 40)]
    public void Decide_WithALearnedState_GivesTheReferencePropensity(int seed)
    {
        var world = Generate(seed);
        var (state, _) = LearnFromFiles(world, world.Contacts);
        var plan = _maps.Load(world.Model.Yaml, AdaptiveStateJson.ToJson(state));
        var expected = Reference.Learn(world);

        var probes = Generate(seed + 1).Customers.Take(10).Concat(world.Customers.Take(10));
        foreach (var c in probes)
        {
            var snapshot = string.Create(CultureInfo.InvariantCulture,
                $$"""{"customerId": "{{c.Id}}", "age": {{(c.Age is { } a ? a.ToString(CultureInfo.InvariantCulture) : "null")}}, "aum": {{c.Aum}}, "isRetiree": {{(c.Retiree ? "true" : "false")}}, "city": {{(c.City is null ? "null" : $"\"{c.City}\"")}}}""");
            var want = Reference.Propensity(world.Model, expected, c);
            var got = AdaptiveMaps.Propensity(plan, snapshot);
            Assert.True(Math.Abs(want - got) <= 1e-12 * Math.Max(1, Math.Abs(want)), $"{c}: reference {want}, learned {got}");
        }
    }

    [Property(MaxTest = 30)]
    public void LearnMerge_TwoHalves_EqualsLearningTheWhole(int seed)
    {
        var world = Generate(seed);
        var cut = new Random(seed).Next(0, world.Contacts.Count + 1);
        var (whole, _) = LearnFromFiles(world, world.Contacts);
        var (first, _) = LearnFromFiles(world, world.Contacts.Take(cut));
        var (second, _) = LearnFromFiles(world, world.Contacts.Skip(cut));

        var merged = new AdaptiveState();
        Assert.Null(merged.Add(first));
        Assert.Null(merged.Add(second));
        Assert.Equal(AdaptiveStateJson.ToJson(whole), AdaptiveStateJson.ToJson(merged));
    }

    private static BinCount Count(Dictionary<string, (long Pos, long Neg)> bins, string key)
    {
        var (pos, neg) = bins.GetValueOrDefault(key);
        return new BinCount(pos, neg);
    }

    public void Dispose() => _maps.Dispose();
}
