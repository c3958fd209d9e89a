using Decisioning.Evaluation;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;

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
