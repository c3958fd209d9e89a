using Decisioning.Evaluation;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.Evaluation;

/// <summary>Suppression rules: one test per scope and for `sent`, the window, the pause, and the trace's rule.</summary>
public sealed class SuppressionTests
{
    private static string Map(string rule) => $$"""
        products:
          - { id: fund }
          - { id: card }
        channels:
          - { id: sms }
        strategies:
          - { id: s1, product: fund, channels: [sms] }
          - { id: s2, product: fund, channels: [sms] }
          - { id: s3, product: card, channels: [sms] }
        suppression:
          - { id: other, count: converted, atLeast: 1, scope: all, pause: 1d }
          - {{rule}}
        arbitration: { maxActions: 3, onePerProduct: false }
        """;

    private static string Declines(string strategy, string product, params double[] daysAgo) => string.Join(",", daysAgo.Select(d =>
        $$"""{"at": "{{Iso(TimeSpan.FromDays(-d))}}", "strategy": "{{strategy}}", "product": "{{product}}", "kind": "declined"}"""));

    private static Decision Decide(string rule, string responses, string contacts = "") =>
        NoActionTests.DecideBoth(Map(rule), Customer(extra: $"\"responses\": [{responses}], \"contacts\": [{contacts}]"));

    private static string[] Outcomes(Decision d) => [.. d.Trace.Select(t => t.Reason ?? t.Outcome)];

    private const string ThreeDeclines = "{ id: three-declines, count: declined, atLeast: 2, within: 90d, scope: %, pause: 30d }";

    [Fact]
    public void ScopeStrategy_CountsTheStrategysOwnResponses()
    {
        var d = Decide(ThreeDeclines.Replace("%", "strategy"), Declines("s1", "fund", 10, 20));

        Assert.Equal([ReasonCodes.Suppressed, "selected", "selected"], Outcomes(d));
        Assert.Equal(new TraceEntry("s1", TraceEntry.Rejected, ReasonCodes.Suppressed, "three-declines"), d.Trace[0]);
        Assert.Contains("\"reason\":\"suppressed\",\"rule\":\"three-declines\"", DecisionJson.ToJson(d));
    }

    [Fact]
    public void ScopeProduct_CountsEveryResponseForTheProduct()
    {
        var d = Decide(ThreeDeclines.Replace("%", "product"), Declines("s1", "fund", 10, 20));

        Assert.Equal([ReasonCodes.Suppressed, ReasonCodes.Suppressed, "selected"], Outcomes(d));
    }

    [Fact]
    public void ScopeAll_CountsEveryResponse()
    {
        var d = Decide(ThreeDeclines.Replace("%", "all"), Declines("s1", "fund", 10) + "," + Declines("s3", "card", 20));

        Assert.Equal([ReasonCodes.Suppressed, ReasonCodes.Suppressed, ReasonCodes.Suppressed], Outcomes(d));
        Assert.Equal(ReasonCodes.Suppressed, d.NoAction);
    }

    [Fact]
    public void CountSent_CountsContactsWhateverTheirOutcome()
    {
        var contacts = string.Join(",", new[] { 1, 2 }.Select(d =>
            $$"""{"channel": "sms", "at": "{{Iso(TimeSpan.FromDays(-d))}}", "strategy": "s3", "product": "card", "outcome": "declined"}"""));

        var d = Decide("{ id: busy, count: sent, atLeast: 2, within: 7d, scope: strategy, pause: 3d }", "", contacts);

        Assert.Equal(["selected", "selected", ReasonCodes.Suppressed], Outcomes(d));
    }

    [Theory]
    [InlineData(89.999, ReasonCodes.Suppressed)]
    [InlineData(90.0, "selected")]
    public void Within_CountsRecordsInTheHalfOpenWindow(double oldest, string expected)
    {
        // The latest decline is 1 day ago, so the pause runs; the older one counts only inside (at - 90d, at].
        var d = Decide(ThreeDeclines.Replace("%", "strategy"), Declines("s1", "fund", 1, oldest));

        Assert.Equal(expected, Outcomes(d)[0]);
    }

    [Theory]
    [InlineData(29.999, ReasonCodes.Suppressed)]
    [InlineData(30.0, "selected")]
    public void Pause_RunsFromTheLatestCountedRecord(double latest, string expected)
    {
        var d = Decide(ThreeDeclines.Replace("%", "strategy"), Declines("s1", "fund", latest, 60));

        Assert.Equal(expected, Outcomes(d)[0]);
    }

    [Fact]
    public void FirstRuleInFileOrder_NamesItself()
    {
        var converted = """{"at": "2026-11-22T12:00:00Z", "product": "card", "kind": "converted"}""";

        var d = Decide(ThreeDeclines.Replace("%", "all"), Declines("s1", "fund", 1, 2) + "," + converted);

        Assert.All(d.Trace, t => Assert.Equal("other", t.Rule));
    }

    [Fact]
    public void CustomerWithoutResponses_ResponseRulesSkippedWithoutRecorder_ExplainStillHearsEveryRule()
    {
        // Without responses a rule counting declines cannot suppress, and the decision pass skips the
        // gate; with a recorder every rule is still reported, and the decision is the same.
        var plan = Load(Map(ThreeDeclines.Replace("%", "strategy")));
        var customer = new SnapshotReader(plan).Read(Customer()).Customer!;
        var explanation = new Explanation();

        var explained = new Evaluator(plan).Decide(customer, At, explanation);

        Assert.Equal(DecisionJson.ToJson(new Evaluator(plan).Decide(customer, At)), DecisionJson.ToJson(explained));
        Assert.All(explanation.Strategies, st => Assert.Equal(2, st.Gates.Count(g => g.Gate == "suppression" && g.Passed)));
    }

    [Fact]
    public void ReusedBuffer_NextCustomerRejectedOtherwise_TraceCarriesNoEarlierRuleOrPolicyNote()
    {
        // The buffer keeps a suppressed strategy's rule and a vetoed one's note without clearing them
        // between decisions: the trace must read them only for those two reasons.
        var plan = Load(Map(ThreeDeclines.Replace("%", "strategy")));
        var vetoS3 = new VetoWhile(c => c.StrategyId == "s3");
        var evaluator = new Evaluator(plan, [vetoS3]);
        var reader = new SnapshotReader(plan);
        var buffer = new DecisionBuffer(plan);
        var first = reader.Read(Customer("C1", extra: $"\"responses\": [{Declines("s1", "fund", 10, 20)}]")).Customer!;
        // C2 holds both products: every strategy is rejected as already-held, not by the rule or the policy.
        var second = reader.Read(Customer("C2", extra: "\"holdings\": [\"fund\", \"card\"]")).Customer!;

        evaluator.DecideInto(first, At, buffer);
        Assert.Contains("\"reason\":\"suppressed\",\"rule\":\"three-declines\"", DecisionJson.ToJson(buffer));
        Assert.Contains("\"reason\":\"policy\",\"rule\":\"no-s3\"", DecisionJson.ToJson(buffer));

        vetoS3.Active = false;
        evaluator.DecideInto(second, At, buffer);
        var reused = DecisionJson.ToJson(buffer);

        Assert.Equal(DecisionJson.ToJson(new Evaluator(plan, [vetoS3]).Decide(second, At)), reused);
        Assert.DoesNotContain("three-declines", reused);
        Assert.DoesNotContain("no-s3", reused);
        Assert.All(buffer.Plan.Strategies, st => Assert.Equal(ReasonCodes.AlreadyHeld, buffer.Reason(st.Index)));
    }

    private sealed class VetoWhile(Func<Candidate, bool> vetoed) : IDecisionPolicy
    {
        public bool Active { get; set; } = true;

        public void Review(PolicyReview review)
        {
            foreach (var candidate in review.Candidates.Where(c => Active && vetoed(c)))
            {
                review.Veto(candidate, "no-s3", "s3 is paused");
            }
        }
    }
}
