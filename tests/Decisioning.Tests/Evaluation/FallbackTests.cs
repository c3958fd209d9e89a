using Decisioning.Evaluation;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.Evaluation;

/// <summary>arbitration.fallback: returned, marked, only when arbitration returns nothing (model group and counterfactual).</summary>
public sealed class FallbackTests
{
    private static string Map(string strategies, string experiment = "") => $$"""
        products:
          - { id: fund, eligible: "aum > 5000" }
          - { id: card }
        channels:
          - { id: sms }
        strategies:
        {{strategies}}
        arbitration: { fallback: basic }
        {{experiment}}
        """;

    private const string Both = """
          - { id: fund-offer, product: fund, channels: [sms], priority: 90 }
          - { id: basic, product: card, channels: [sms], priority: 10 }
        """;

    [Fact]
    public void Decide_ArbitrationReturnsSomething_FallbackLosesAsArbitration()
    {
        var d = NoActionTests.DecideBoth(Map(Both), Customer().Replace("1000.5", "9000"));

        Assert.Equal("fund-offer", Assert.Single(d.Actions).Strategy);
        Assert.Null(d.Actions[0].Fallback);
        Assert.Equal(ReasonCodes.Arbitration, d.Trace[1].Reason);
    }

    [Fact]
    public void Decide_NothingElsePasses_ReturnsTheFallbackMarked()
    {
        var d = NoActionTests.DecideBoth(Map(Both), Customer());

        var action = Assert.Single(d.Actions);
        Assert.Equal(("basic", true, 1), (action.Strategy, action.Fallback, action.Rank));
        Assert.Equal(ReasonCodes.Ineligible, d.Trace[0].Reason);
        Assert.Null(d.NoAction);
        Assert.Contains("\"propensity\":1,\"fallback\":true}", DecisionJson.ToJson(d));
    }

    [Fact]
    public void Decide_FallbackFailsItsOwnGates_NoActionIsTheFurthestReason()
    {
        var d = NoActionTests.DecideBoth(Map(Both.Replace("priority: 10", "priority: 10, when: \"age > 100\"")), Customer());

        Assert.Empty(d.Actions);
        // fund-offer got further (ineligible, the product gate) than the fallback (condition).
        Assert.Equal(ReasonCodes.Ineligible, d.NoAction);
    }

    [Fact]
    public void Decide_ControlGroup_FallbackIsTheCounterfactualOnly()
    {
        var d = NoActionTests.DecideBoth(Map(Both, "experiment: { id: e, control: 1.0, controlPolicy: priority }"), Customer());

        Assert.Empty(d.Actions);
        Assert.Equal(("basic", true), (d.Counterfactual![0].Strategy, d.Counterfactual[0].Fallback));
        Assert.Equal(TraceEntry.Selected, d.Trace[1].Outcome);
    }
}

/// <summary>The policy gate and the fallback: policies review the fallback like any candidate, in file order.</summary>
public sealed class FallbackAndPolicyTests
{
    private const string Map = """
        products:
          - { id: fund }
          - { id: card }
          - { id: loan }
        channels:
          - { id: sms }
          - { id: email }
        strategies:
          - { id: fund-offer, product: fund, channels: [sms], priority: 90 }
          - { id: basic, product: card, channels: [email], priority: 10 }
          - { id: loan-offer, product: loan, channels: [email], priority: 50 }
        arbitration: { fallback: basic, maxActions: 3 }
        """;

    [Fact]
    public void Decide_PolicySeesTheFallbackAmongTheCandidates_InFileOrder()
    {
        var seen = new List<string>();
        var policy = new RecordingPolicy(review => seen.AddRange(review.Candidates.Select(c => c.Strategy.Id)));

        var d = TestMaps.Decide(Map, TestMaps.Customer(), policies: [policy]);

        Assert.Equal(["fund-offer", "basic", "loan-offer"], seen);
        Assert.Equal(["fund-offer", "loan-offer"], d.Actions.Select(a => a.Strategy));
        Assert.Equal(ReasonCodes.Arbitration, d.Trace[1].Reason);
    }

    [Fact]
    public void Decide_PolicyVetoesEveryOrdinaryCandidate_TheFallbackIsReturned()
    {
        var policy = DecisionPolicy.Veto("only-basic", (_, c, _) => c.Strategy.Id == "basic");

        var d = TestMaps.Decide(Map, TestMaps.Customer(), policies: [policy]);

        var action = Assert.Single(d.Actions);
        Assert.Equal(("basic", true), (action.Strategy, action.Fallback));
        Assert.Equal(("policy", "only-basic"), (d.Trace[0].Reason, d.Trace[0].Rule));
        Assert.Equal(("policy", "only-basic"), (d.Trace[2].Reason, d.Trace[2].Rule));
    }

    [Fact]
    public void Decide_PolicyVetoesEverything_NoActionIsPolicy()
    {
        var d = TestMaps.Decide(Map, TestMaps.Customer(), policies: [DecisionPolicy.Veto("none", (_, _, _) => false)]);

        Assert.Empty(d.Actions);
        Assert.Equal(ReasonCodes.Policy, d.NoAction);
        Assert.All(d.Trace, t => Assert.Equal("none", t.Rule));
    }

    [Fact]
    public void DecideInto_WithAPolicy_WritesTheSameLineAsDecide()
    {
        var plan = TestMaps.Load(Map);
        var evaluator = new Evaluator(plan, [DecisionPolicy.Veto("only-basic", (_, c, _) => c.Strategy.Id == "basic")]);
        var customer = new SnapshotReader(plan).Read(TestMaps.Customer()).Customer!;
        var buffer = new DecisionBuffer(plan);

        evaluator.DecideInto(customer, TestMaps.At, buffer);

        Assert.Equal(DecisionJson.ToJson(evaluator.Decide(customer, TestMaps.At)), DecisionJson.ToJson(buffer));
    }

    private sealed class RecordingPolicy(Action<PolicyReview> review) : IDecisionPolicy
    {
        public void Review(PolicyReview r) => review(r);
    }
}
