using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Plan;
using Decisioning.Runtime;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.History.Tests.Engine;

/// <summary>
/// How far back a decision reads the history (the reach): every window of the map, and a decision
/// over the history equals the decision over the same records carried in the snapshot.
/// </summary>
public sealed class HistoryReachTests
{
    private static readonly DateTime At = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    // Windows chosen so that each is the longest in turn: a test replaces one of the placeholders.
    private static string Map(string cooldown = "2d", string per = "1d", string within = "1d", string modelWindow = "1d",
        string waves = "", string suppressionWithin = "within: 1d, ") => $$"""
        map: reach
        version: "1"
        customer:
          fields: { age: int }
          events:
            deposit: { amount: decimal }
        products:
          - { id: fund, value: 10 }
          - { id: card, value: 1 }
        channels:
          - { id: app, contactPolicy: { max: 5, per: {{per}} } }
          - { id: sms }
        scenarios:
          - { id: deposited, kind: event, event: deposit, within: {{within}} }
        suppression:
          - { id: declines, count: declined, atLeast: 2, {{suppressionWithin}}scope: product, pause: 5d }
        models:
          - id: m
            kind: adaptive
            predictors: { age: [40] }
            prior: 0.1
            priorWeight: 10
            minEvidence: 4
            window: {{modelWindow}}
            positive: [converted]
        strategies:
          - id: offer-fund
            product: fund
            channels: [app]
            cooldown: {{cooldown}}
            propensity: { model: m }
        {{waves}}
          - { id: offer-card, product: card, channels: [sms], scenario: deposited }
        """;

    private static DecisionPlan Load(string text)
    {
        var loaded = MapLoader.LoadText(text);
        return loaded.Plan ?? throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics));
    }

    [Theory]
    [InlineData("cooldown", 40)]
    [InlineData("per", 41)]
    [InlineData("within", 42)]
    [InlineData("modelWindow", 43)]
    [InlineData("suppressionWithin", 44)]
    public void Reach_IsTheLongestWindowOfTheMap(string window, int days)
    {
        var text = window switch
        {
            "cooldown" => Map(cooldown: $"{days}d"),
            "per" => Map(per: $"{days}d"),
            "within" => Map(within: $"{days}d"),
            "modelWindow" => Map(modelWindow: $"{days}d"),
            _ => Map(suppressionWithin: $"within: {days}d, "),
        };

        Assert.Equal(TimeSpan.FromDays(days), HistoryMerge.Reach(Load(text)));
    }

    [Fact]
    public void Reach_OfAStrategyWithWaves_IsItsWholeSequencePlusItsCooldown()
    {
        var waves = """
                waves:
                  - { after: 3d, channels: [sms] }
                  - { after: 7d }
            """;

        Assert.Equal(TimeSpan.FromDays(3 + 7 + 5), HistoryMerge.Reach(Load(Map(cooldown: "5d", waves: waves))));
    }

    [Fact]
    public void Reach_OfASuppressionRuleWithoutWithin_IsUnbounded()
    {
        Assert.Equal(TimeSpan.MaxValue, HistoryMerge.Reach(Load(Map(suppressionWithin: ""))));
    }

    [Fact]
    public void Merge_AddsResponses_AndContactsWithTheirWave_AndCountsIdenticalRecordsOnce()
    {
        var plan = Load(Map());
        var snapshot = CustomerSnapshot.FromDictionary(new Dictionary<string, object?> { ["customerId"] = "C1", ["age"] = 30 },
            contacts: [new ContactSnapshot("app", At.AddDays(-1), "offer-fund", "fund", "sent", 2)],
            responses: [new ResponseSnapshot(At.AddHours(-5), "declined", "offer-fund", "fund")]);
        var history = new CustomerHistory(
            [new ContactEntry("C1", At.AddDays(-1), "app", "offer-fund", "fund", 2, "sent"), new ContactEntry("C1", At.AddDays(-4), "app", "offer-fund", "fund", 1, "sent")],
            [new ResponseEntry("C1", At.AddHours(-5), "offer-fund", "fund", "declined"), new ResponseEntry("C1", At.AddHours(-2), null, "fund", "converted", 300)]);

        var merged = HistoryMerge.Merge(snapshot.Read(plan).Customer!, history);

        Assert.Equal([2, 1], merged.Contacts.Select(c => c.Wave));
        Assert.Equal(
            [new ResponseRecord(At.AddHours(-5), "offer-fund", "fund", "declined", 0), new ResponseRecord(At.AddHours(-2), null, "fund", "converted", 300)],
            merged.Responses);
    }

    /// <summary>
    /// Records up to the reach (15 days: a whole wave sequence and the cooldown, longer than the
    /// cooldown, the cap period and the suppression window): the decision with the records in the history equals the decision
    /// with the same records in the snapshot, customer by customer.
    /// </summary>
    [Fact]
    public void DecidingOverTheHistory_EqualsDecidingOverTheSameRecordsInTheSnapshot()
    {
        var waves = """
                waves:
                  - { after: 3d, channels: [sms] }
                  - { after: 7d }
            """;
        var plan = Load(Map(cooldown: "5d", waves: waves, suppressionWithin: "within: 10d, "));
        Assert.Equal(TimeSpan.FromDays(15), HistoryMerge.Reach(plan));
        var evaluator = new Evaluator(plan);
        var store = new InMemoryHistory();
        var random = new Random(17);
        var kinds = ResponseRecord.Kinds;
        var compared = 0;
        var outcomes = new HashSet<string>();
        for (var i = 0; i < 300; i++)
        {
            var id = $"C{i}";
            var contacts = Enumerable.Range(0, random.Next(0, 4)).Select(_ =>
                new ContactEntry(id, At.AddHours(-random.Next(0, 24 * 15)), random.Next(2) == 0 ? "app" : "sms", "offer-fund", "fund", random.Next(1, 4), "sent")).ToList();
            var responses = Enumerable.Range(0, random.Next(0, 5)).Select(_ =>
                new ResponseEntry(id, At.AddHours(-random.Next(0, 24 * 15)), random.Next(3) == 0 ? null : "offer-fund", "fund", kinds[random.Next(kinds.Count)])).ToList();
            store.Append(new HistoryBatch([], [], contacts, responses));
            var bare = CustomerSnapshot.FromDictionary(new Dictionary<string, object?> { ["customerId"] = id, ["age"] = 30 });
            var carried = CustomerSnapshot.FromDictionary(new Dictionary<string, object?> { ["customerId"] = id, ["age"] = 30 },
                contacts: contacts.Select(c => new ContactSnapshot(c.Channel, c.At, c.Strategy, c.Product, c.Outcome, c.Wave)),
                responses: responses.Select(r => new ResponseSnapshot(r.At, r.Kind, r.Strategy, r.Product, r.Value)));

            var overHistory = evaluator.Decide(HistoryMerge.Merge(store, bare.Read(plan).Customer!, At, HistoryMerge.Reach(plan)), At);
            var overSnapshot = evaluator.Decide(carried.Read(plan).Customer!, At);

            Assert.Equal(DecisionJson.ToJson(overSnapshot), DecisionJson.ToJson(overHistory));
            outcomes.Add(overHistory.Trace[0].Reason ?? $"wave {overHistory.Actions.FirstOrDefault()?.Wave}");
            compared++;
        }

        // The customers reach every gate the history feeds: waves, the cooldown, suppression, responses.
        Assert.Equal(300, compared);
        Assert.All(new[] { "responded", "wave-pending", "suppressed", "cooldown", "wave 2", "wave 3" }, reason => Assert.Contains(reason, outcomes));
    }
}
