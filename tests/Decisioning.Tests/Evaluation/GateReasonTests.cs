using Decisioning.Evaluation;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;

namespace Decisioning.Tests.Evaluation;

/// <summary>One test per reason code of the gate table (spec section 3, step 2), with its boundaries.</summary>
public sealed class GateReasonTests
{
    private const string Basics = """
        products:
          - { id: fund, name: 养老基金, value: 100, eligible: "aum >= 1000" }
          - { id: card, repeatable: true }
        channels:
          - { id: sms }
        """;

    private static string Strategy(string keys, string product = "fund") => Basics + $$"""

        strategies:
          - { id: s1, product: {{product}}, channels: [sms]{{(keys.Length > 0 ? ", " + keys : "")}} }
        """;

    [Theory]
    [InlineData("active: { from: 2026-11-23 }", "selected")]
    [InlineData("active: { from: '2026-11-23T00:00:01Z' }", ReasonCodes.Inactive)]
    [InlineData("active: { to: 2026-11-23 }", ReasonCodes.Inactive)]
    [InlineData("active: { to: '2026-11-23T00:00:01Z' }", "selected")]
    [InlineData("active: { from: 2026-11-01, to: 2027-01-01 }", "selected")]
    public void Decide_ActiveWindow_IsHalfOpenFromTo(string keys, string expected) =>
        Assert.Equal(expected, Outcome(Decide(Strategy(keys), Customer()), "s1"));

    [Theory]
    [InlineData("target: [seniors]", 40, ReasonCodes.NotTargeted)]
    [InlineData("target: [seniors]", 60, "selected")]
    [InlineData("target: [seniors, adults]", 40, "selected")]
    [InlineData("target: [all]", 10, "selected")]
    public void Decide_Target_RejectsCustomersInNoTargetSegment(string keys, int age, string expected) =>
        Assert.Equal(expected, Outcome(Decide(Strategy(keys), Customer(age: age)), "s1"));

    [Theory]
    [InlineData(25, "selected")]
    [InlineData(40, ReasonCodes.Scenario)]
    public void Decide_LifecycleScenario_NeedsTheStage(int age, string expected)
    {
        var map = Strategy("scenario: new") + "\nscenarios:\n  - { id: new, kind: lifecycle, stages: [honeymoon] }\n";
        Assert.Equal(expected, Outcome(Decide(map, Customer(age: age)), "s1"));
    }

    [Theory]
    [InlineData("""["other"]""", "selected")]
    [InlineData("""["fund"]""", ReasonCodes.Scenario)]
    [InlineData("""["card"]""", ReasonCodes.Scenario)]
    [InlineData("""["card", "x"]""", ReasonCodes.Scenario)]
    public void Decide_ProductScenario_RejectsHoldingALackOrLackingAHold(string holdings, string expected)
    {
        // lacks: [fund], holds: [other]; the product offered is repeatable so already-held never interferes.
        var map = Basics.Replace("- { id: card, repeatable: true }", "- { id: card, repeatable: true }\n  - { id: other }") + """

            scenarios:
              - { id: no-fund, kind: product, lacks: [fund, card], holds: [other] }
            strategies:
              - { id: s1, product: card, channels: [sms], scenario: no-fund }
            """;
        Assert.Equal(expected, Outcome(Decide(map, Customer(extra: $"\"holdings\": {holdings}")), "s1"));
    }

    [Theory]
    [InlineData(-72 * 3600, 300000, "selected")]      // exactly at - within: counts
    [InlineData(-72 * 3600 - 1, 300000, ReasonCodes.Scenario)]
    [InlineData(0, 300000, "selected")]               // exactly at: counts
    [InlineData(1, 300000, ReasonCodes.Scenario)]     // after at: not yet happened
    [InlineData(-3600, 100000, ReasonCodes.Scenario)] // the payload condition fails
    public void Decide_EventScenario_WindowIsClosedAndWhenReadsThePayload(int seconds, int amount, string expected)
    {
        var map = Strategy("scenario: big") +
            "\nscenarios:\n  - { id: big, kind: event, event: large-deposit, within: 3d, when: event.amount >= 200000 }\n";
        var events = $$"""
            "events": [{"type": "card-activated", "at": "{{Iso(TimeSpan.Zero)}}"},
                       {"type": "large-deposit", "at": "{{Iso(TimeSpan.FromSeconds(seconds))}}", "amount": {{amount}}}]
            """;
        Assert.Equal(expected, Outcome(Decide(map, Customer(extra: events)), "s1"));
    }

    [Fact]
    public void Decide_AlwaysScenario_Passes()
    {
        var map = Strategy("scenario: any") + "\nscenarios:\n  - { id: any, kind: always }\n";
        Assert.Equal("selected", Outcome(Decide(map, Customer()), "s1"));
    }

    [Theory]
    [InlineData(40, "selected")]
    [InlineData(17, ReasonCodes.Condition)]
    public void Decide_StrategyWhenFalse_RejectsWithCondition(int age, string expected) =>
        Assert.Equal(expected, Outcome(Decide(Strategy("when: \"age >= 18 && segments.Contains(\\\"adults\\\")\""), Customer(age: age)), "s1"));

    [Fact]
    public void Decide_ProductNotEligible_RejectsWithIneligible()
    {
        var snapshot = """{"customerId": "C1", "name": "x", "age": 40, "aum": 999.99, "hasPhone": true}""";
        Assert.Equal(ReasonCodes.Ineligible, Outcome(Decide(Strategy(""), snapshot), "s1"));
    }

    [Theory]
    [InlineData("fund", ReasonCodes.AlreadyHeld)]
    [InlineData("card", "selected")] // repeatable
    public void Decide_HeldProduct_RejectsUnlessRepeatable(string product, string expected) =>
        Assert.Equal(expected, Outcome(Decide(Strategy("", product), Customer(extra: $"\"holdings\": [\"{product}\"]")), "s1"));

    [Theory]
    [InlineData(-30 * 86400, "selected")]           // exactly at - cooldown: outside (at - cooldown, at]
    [InlineData(-30 * 86400 + 1, ReasonCodes.Cooldown)]
    [InlineData(0, ReasonCodes.Cooldown)]           // exactly at: inside
    [InlineData(1, "selected")]                     // after at
    public void Decide_ContactForStrategy_CooldownWindowIsOpenClosed(int seconds, string expected)
    {
        var contacts = $$"""
            "contacts": [{"channel": "sms", "at": "{{Iso(TimeSpan.FromSeconds(seconds))}}", "strategy": "s1"},
                         {"channel": "sms", "at": "{{Iso(TimeSpan.FromHours(-1))}}", "strategy": "other"}]
            """;
        Assert.Equal(expected, Outcome(Decide(Strategy("cooldown: 30d"), Customer(extra: contacts)), "s1"));
    }

    [Fact]
    public void Decide_PolicyVeto_RejectsWithPolicy()
    {
        var decision = Decide(Strategy(""), Customer(), policies: [VetoStrategy("s1")]);
        Assert.Equal(ReasonCodes.Policy, Outcome(decision, "s1"));
        Assert.Empty(decision.Actions);
    }

    [Fact]
    public void Decide_PolicyAllows_Selects() =>
        Assert.Equal("selected", Outcome(Decide(Strategy(""), Customer(), policies: [VetoStrategy("other")]), "s1"));

    [Fact]
    public void Decide_PolicyRunsAfterEveryOtherGate_EarlierReasonWins()
    {
        // Ineligible first: the policy never sees it, so the reason stays the earlier gate's.
        var snapshot = """{"customerId": "C1", "name": "x", "age": 40, "aum": 1, "hasPhone": true}""";
        Assert.Equal(ReasonCodes.Ineligible, Outcome(Decide(Strategy(""), snapshot, policies: [VetoStrategy("s1")]), "s1"));
    }

    private static IDecisionPolicy VetoStrategy(string id) =>
        DecisionPolicy.Veto("no-" + id, (_, candidate, _) => candidate.Strategy.Id != id);
}
