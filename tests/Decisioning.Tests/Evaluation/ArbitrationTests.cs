using Decisioning.Evaluation;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;
using Decisioning.Serialization;

namespace Decisioning.Tests.Evaluation;

/// <summary>
/// Scoring and arbitration (spec section 3, steps 3 and 4): score descending, ties by priority
/// descending then file order; one per product and per channel when set; at most maxActions.
/// </summary>
public sealed class ArbitrationTests
{
    private const string Catalogue = """
        products:
          - { id: fund, value: 320 }
          - { id: card, value: 10 }
          - { id: loan, value: 100 }
        channels:
          - { id: sms }
          - { id: call }
        """;

    private static string Map(string arbitration, params string[] strategies) =>
        Catalogue + "\nstrategies:\n" + string.Concat(strategies.Select(s => $"  - {s}\n")) + arbitration;

    [Fact]
    public void Decide_Score_IsPropensityTimesValueTimesWeightTimesPriorityOver100_Unrounded()
    {
        // Spec section 4's own example: 0.12 * 320 * 1.0 * 80 / 100.
        var decision = Decide(Map("", "{ id: s1, objective: growth, product: fund, channels: [sms], priority: 80, propensity: 0.12 }"), Customer());
        var action = decision.Actions.Single();
        Assert.Equal(0.12 * 320 * 1.0 * 80 / 100, action.Score);
        Assert.Equal(0.12, action.Propensity);
        Assert.Contains("\"score\":30.72", DecisionJson.ToJson(decision));
    }

    [Fact]
    public void Decide_StrategyWithoutObjectiveOrPriority_UsesWeight1AndPriority50()
    {
        var action = Decide(Map("", "{ id: s1, product: card, channels: [sms] }"), Customer()).Actions.Single();
        Assert.Equal(1.0 * 10 * 1.0 * 50 / 100, action.Score);
        Assert.Null(action.Objective);
        Assert.Null(action.Scenario);
    }

    [Fact]
    public void Decide_OnePerProduct_KeepsTheBestOfEachProduct()
    {
        var map = Map("arbitration: { maxActions: 3 }",
            "{ id: low, product: fund, channels: [sms], propensity: 0.1 }",
            "{ id: high, product: fund, channels: [call], propensity: 0.9 }",
            "{ id: other, product: card, channels: [sms] }");
        var decision = Decide(map, Customer());
        Assert.Equal(["high", "other"], decision.Actions.Select(a => a.Strategy));
        Assert.Equal(ReasonCodes.Arbitration, Outcome(decision, "low"));
    }

    [Fact]
    public void Decide_OnePerProductOff_KeepsBoth()
    {
        var map = Map("arbitration: { maxActions: 3, onePerProduct: false }",
            "{ id: low, product: fund, channels: [sms], propensity: 0.1 }",
            "{ id: high, product: fund, channels: [call], propensity: 0.9 }");
        Assert.Equal(["high", "low"], Decide(map, Customer()).Actions.Select(a => a.Strategy));
    }

    [Fact]
    public void Decide_OnePerChannel_DropsASecondActionOnTheSameChannel()
    {
        var map = Map("arbitration: { maxActions: 3, onePerChannel: true }",
            "{ id: a, product: fund, channels: [sms] }",
            "{ id: b, product: loan, channels: [sms, call] }",
            "{ id: c, product: card, channels: [call] }");
        var decision = Decide(map, Customer());
        // b's channel is sms (its first passing channel); arbitration drops it rather than re-routing it.
        Assert.Equal(["a", "c"], decision.Actions.Select(a => a.Strategy));
        Assert.Equal(ReasonCodes.Arbitration, Outcome(decision, "b"));
    }

    [Fact]
    public void Decide_MaxActions_KeepsTheTopNRankedFrom1()
    {
        var map = Map("arbitration: { maxActions: 2 }",
            "{ id: a, product: card, channels: [sms] }",
            "{ id: b, product: fund, channels: [sms] }",
            "{ id: c, product: loan, channels: [sms] }");
        var decision = Decide(map, Customer());
        Assert.Equal([("b", 1), ("c", 2)], decision.Actions.Select(a => (a.Strategy, a.Rank)));
        Assert.Equal(ReasonCodes.Arbitration, Outcome(decision, "a"));
    }

    [Fact]
    public void Decide_MaxActionsDefault_IsOne()
    {
        var map = Map("", "{ id: a, product: card, channels: [sms] }", "{ id: b, product: fund, channels: [sms] }");
        Assert.Equal(["b"], Decide(map, Customer()).Actions.Select(a => a.Strategy));
    }

    [Fact]
    public void Decide_EqualScores_TieBreakByPriorityThenFileOrder()
    {
        // All score 0 (propensity 0): priority 90 first, then the two of priority 10 in file order.
        var map = Map("arbitration: { maxActions: 3, onePerProduct: false }",
            "{ id: first, product: fund, channels: [sms], priority: 10, propensity: 0 }",
            "{ id: second, product: fund, channels: [sms], priority: 10, propensity: 0 }",
            "{ id: top, product: fund, channels: [sms], priority: 90, propensity: 0 }");
        Assert.Equal(["top", "first", "second"], Decide(map, Customer()).Actions.Select(a => a.Strategy));
    }

    [Fact]
    public void Decide_EqualScoreDifferentPriority_HigherPriorityFirst()
    {
        // 0.5 * 320 * 1 * 50 / 100 = 80 = 1 * 320 * 1 * 25 / 100: the same score, priority decides.
        var map = Map("arbitration: { maxActions: 2, onePerProduct: false }",
            "{ id: low-priority, product: fund, channels: [sms], priority: 25, propensity: 1 }",
            "{ id: high-priority, product: fund, channels: [sms], priority: 50, propensity: 0.5 }");
        var actions = Decide(map, Customer()).Actions;
        Assert.Equal(actions[0].Score, actions[1].Score);
        Assert.Equal(["high-priority", "low-priority"], actions.Select(a => a.Strategy));
    }

    [Fact]
    public void Decide_LogisticModel_GivesItsValueAsPropensity()
    {
        var map = Map("", "{ id: s1, product: fund, channels: [sms], propensity: { model: m } }") + """

            models:
              - { id: m, kind: logistic, intercept: -3.2, coefficients: { age: 0.03, hasPhone: 0.9, aum: 0.0000005 } }
            """;
        var snapshot = """{"customerId": "C1", "name": "x", "age": 58, "aum": 820000.5, "hasPhone": true}""";
        var expected = 1.0 / (1.0 + Math.Exp(-(-3.2 + (0.03 * 58 + 0.9 * 1 + 0.0000005 * 820000.5))));
        var action = Decide(map, snapshot).Actions.Single();
        Assert.Equal(expected, action.Propensity);
        Assert.Equal(expected * 320 * 1.0 * 50 / 100, action.Score);
    }
}
