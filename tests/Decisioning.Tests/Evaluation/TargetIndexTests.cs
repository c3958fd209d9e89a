using System.Text;
using Decisioning.Evaluation;
using Xunit;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.Evaluation;

/// <summary>
/// A decision without a recorder runs only the strategies aimed at the customer's segments (and
/// those for everyone or with an active window); the others keep <c>not-targeted</c> without being
/// run. With a recorder every strategy is run, so the two must give the same decision, across the
/// 64-strategy words of the index and around active windows, whose gate comes before the target's.
/// </summary>
public sealed class TargetIndexTests
{
    private static string Map(int count)
    {
        var targets = new[] { "[adults]", "[seniors]", "all", "[seniors, adults]", "[]" };
        var text = new StringBuilder("""
            products:
              - { id: fund }
              - { id: card, repeatable: true }
            channels:
              - { id: sms }
            strategies:

            """);
        for (var i = 0; i < count; i++)
        {
            var active = (i % 7) switch
            {
                3 => ", active: { from: \"2027-01-01T00:00:00Z\" }",
                5 => ", active: { to: \"2026-01-01T00:00:00Z\" }",
                _ => "",
            };
            text.AppendLine($"  - {{ id: s{i}, target: {targets[i % targets.Length]}, product: {(i % 2 == 0 ? "fund" : "card")}, channels: [sms], priority: {1 + i % 90}, when: \"age > {i % 60}\"{active} }}");
        }

        return text.Append("arbitration: { maxActions: 3, onePerProduct: false }\n").ToString();
    }

    [Theory]
    [InlineData(16, 40)]
    [InlineData(16, 70)]
    [InlineData(130, 12)]
    [InlineData(130, 40)]
    [InlineData(130, 70)]
    [InlineData(200, 25)]
    public void Decide_WithoutRecorder_GivesTheDecisionOfRunningEveryStrategy(int strategies, int age)
    {
        var plan = TestMaps.Load(Map(strategies));
        var (customer, error) = new SnapshotReader(plan).Read(TestMaps.Customer(age: age));
        Assert.Null(error);
        var evaluator = new Evaluator(plan);

        var fast = evaluator.Decide(customer!, TestMaps.At);
        var everyStrategy = evaluator.Decide(customer!, TestMaps.At, new Explanation());

        Assert.Equal(DecisionJson.ToJson(everyStrategy), DecisionJson.ToJson(fast));
        var reasons = fast.Trace.Select(t => t.Reason).ToList();
        Assert.Contains("not-targeted", reasons);
        Assert.Contains("inactive", reasons);
    }

    [Fact]
    public void Decide_Untargeted_StrategyWithActiveWindow_StillSaysInactive()
    {
        // s3 targets [] (no one) and is not active yet: its first failing gate is active, not target.
        var plan = TestMaps.Load(Map(8));
        var (customer, _) = new SnapshotReader(plan).Read(TestMaps.Customer(age: 20));

        var decision = new Evaluator(plan).Decide(customer!, TestMaps.At);

        Assert.Equal("inactive", TestMaps.Outcome(decision, "s3"));
        Assert.Equal("not-targeted", TestMaps.Outcome(decision, "s4"));
        Assert.Equal("not-targeted", TestMaps.Outcome(decision, "s1"));
    }

    [Fact]
    public void DecideInto_ReusedBuffer_ForgetsThePreviousCustomersStrategies()
    {
        var plan = TestMaps.Load(Map(130));
        var reader = new SnapshotReader(plan);
        var evaluator = new Evaluator(plan);
        var buffer = new DecisionBuffer(plan);
        var senior = reader.Read(TestMaps.Customer("C1", age: 70)).Customer!;
        var child = reader.Read(TestMaps.Customer("C2", age: 10)).Customer!;

        evaluator.DecideInto(senior, TestMaps.At, buffer);
        evaluator.DecideInto(child, TestMaps.At, buffer);

        Assert.Equal(DecisionJson.ToJson(evaluator.Decide(child, TestMaps.At, new Explanation())), DecisionJson.ToJson(buffer.ToDecision()));
    }
}
