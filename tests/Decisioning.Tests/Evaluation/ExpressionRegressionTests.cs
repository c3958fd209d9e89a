using Decisioning.Evaluation;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;

namespace Decisioning.Tests.Evaluation;

/// <summary>
/// Disagreements the cross-check (CrossCheck/) found between the engine and spec section 3, kept as
/// focused regressions: each failed before its fix.
/// </summary>
public sealed class ExpressionRegressionTests
{
    private static string Map(string when) => $$"""
        products:
          - { id: fund }
        channels:
          - { id: sms }
        strategies:
          - { id: s1, product: fund, channels: [sms], when: '{{when}}' }
        """;

    private static Decision DecideWithScore(string when, string? score)
    {
        var head = Head.Replace("city: string?", "city: string?\n    score: int?").Replace("large-deposit: { amount: decimal }", "large-deposit: { amount: decimal, count: int? }");
        var result = Loading.MapLoader.LoadText(head + "\n" + Map(when));
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return Decide(result.Plan!, Customer(extra: score is null ? "" : $"\"score\": {score}"));
    }

    [Theory]
    [InlineData("score >= 0.5", "1", "selected")]
    [InlineData("score >= 0.5", "0", ReasonCodes.Condition)]
    [InlineData("score >= 0.5", null, ReasonCodes.Condition)]
    [InlineData("score != 0.5", null, "selected")]
    [InlineData("0.5 < score", "3", "selected")]
    public void Decide_OptionalIntComparedWithRealLiteral_LoadsAndCompares(string when, string? score, string expected) =>
        Assert.Equal(expected, Outcome(DecideWithScore(when, score), "s1"));

    [Theory]
    [InlineData("score + 1 == 4", "3", "selected")]
    [InlineData("score - 17 < 0.1", "3", "selected")]
    [InlineData("score * 2 > aum", "3", ReasonCodes.Condition)]
    [InlineData("score + 1 == 4", null, ReasonCodes.Condition)]
    [InlineData("score + 1 != 4", null, "selected")]
    [InlineData("-score < 0", "3", "selected")]
    public void Decide_ArithmeticOnOptionalInt_EvaluatesWithoutThrowing(string when, string? score, string expected) =>
        Assert.Equal(expected, Outcome(DecideWithScore(when, score), "s1"));

    [Fact]
    public void Decide_ArithmeticOnOptionalEventField_EvaluatesWithoutThrowing()
    {
        var head = Head.Replace("large-deposit: { amount: decimal }", "large-deposit: { amount: decimal, count: int? }");
        var map = head + """

            scenarios:
              - { id: big, kind: event, event: large-deposit, within: 3d, when: event.count + 1 > 2 }
            products:
              - { id: fund }
            channels:
              - { id: sms }
            strategies:
              - { id: s1, product: fund, channels: [sms], scenario: big }
            """;
        var result = Loading.MapLoader.LoadText(map);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        string Events(string count) => $$"""
            "events": [{"type": "large-deposit", "at": "{{Iso(TimeSpan.FromHours(-1))}}", "amount": 1, "count": {{count}}}]
            """;
        Assert.Equal("selected", Outcome(Decide(result.Plan!, Customer(extra: Events("2"))), "s1"));
        Assert.Equal(ReasonCodes.Scenario, Outcome(Decide(result.Plan!, Customer(extra: Events("null"))), "s1"));
    }

    [Theory]
    [InlineData("target: []", ReasonCodes.NotTargeted)]
    [InlineData("target: [all]", "selected")]
    [InlineData("", "selected")]
    public void Decide_EmptyTargetList_TargetsNoOne(string target, string expected)
    {
        var map = """
            products:
              - { id: fund }
            channels:
              - { id: sms }
            strategies:
              - id: s1
                product: fund
                channels: [sms]

            """.Replace("channels: [sms]\n", "channels: [sms]\n    " + target + "\n");
        Assert.Equal(expected, Outcome(Decide(map, Customer()), "s1"));
    }
}
