using Decisioning.Evaluation;
using System.Globalization;
using Decisioning.Tests.CrossCheck;
using FsCheck;
using FsCheck.Xunit;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;
using Decisioning.Serialization;

namespace Decisioning.Tests.Evaluation;

/// <summary>The experiment (spec section 3, step 5): GrowthBook's hash, groups, control policies, counterfactuals.</summary>
public sealed class ExperimentTests
{
    private static string Map(double control, string policy) => $$"""
        products:
          - { id: fund, value: 320 }
          - { id: card, value: 10 }
          - { id: loan, value: 100 }
        channels:
          - { id: sms }
        strategies:
          - { id: a, product: card, channels: [sms], priority: 90 }
          - { id: b, product: fund, channels: [sms], priority: 20 }
          - { id: c, product: loan, channels: [sms], priority: 60 }
          - { id: d, product: loan, channels: [sms], priority: 70, when: age > 100 }
        arbitration: { maxActions: 2 }
        experiment: { id: nba, control: {{control}}, controlPolicy: {{policy}}, salt: nba-2026q4 }
        """;

    [Theory]
    [InlineData("seed", "a", 0.0505)]
    [InlineData("seed", "b", 0.2696)]
    [InlineData("foo", "ab", 0.2575)]
    public void Bucket_GrowthBookVectors_Match(string salt, string id, double expected)
    {
        Assert.Equal(expected, ExperimentHash.Bucket(salt, id));
        Assert.Equal(expected, ReferenceHash.Bucket(salt, id));
    }

    [Theory]
    [InlineData("nba-2026q4", "客户-7")]
    [InlineData("盐", "C001")]
    [InlineData("", "")]
    public void Bucket_NonAsciiText_HashesUtf16CodeUnitsLikeTheReference(string salt, string id) =>
        Assert.Equal(ReferenceHash.Bucket(salt, id), ExperimentHash.Bucket(salt, id));

    // The hand-written decimal text (two digits per division) at every length and boundary.
    [Theory]
    [InlineData(0u)]
    [InlineData(9u)]
    [InlineData(10u)]
    [InlineData(99u)]
    [InlineData(100u)]
    [InlineData(101u)]
    [InlineData(999u)]
    [InlineData(1000u)]
    [InlineData(99999u)]
    [InlineData(1000000000u)]
    [InlineData(4294967295u)]
    public void OfDecimalText_Boundaries_HashesTheInvariantText(uint value) =>
        Assert.Equal(ReferenceHash.Fnv1a32(value.ToString(CultureInfo.InvariantCulture)), ExperimentHash.OfDecimalText(value));

    [Property(MaxTest = 500)]
    public bool OfDecimalText_AnyValue_HashesTheInvariantText(uint value) =>
        ReferenceHash.Fnv1a32(value.ToString(CultureInfo.InvariantCulture)) == ExperimentHash.OfDecimalText(value);

    [Property(MaxTest = 300)]
    public bool BucketAndRandomPick_AnySaltAndId_MatchTheReference(NonNull<string> salt, NonNull<string> id, PositiveInt count) =>
        ReferenceHash.Bucket(salt.Get, id.Get) == ExperimentHash.Bucket(ExperimentHash.Salt(salt.Get), id.Get) &&
        ReferenceHash.RandomPick(salt.Get, id.Get, count.Get) == ExperimentHash.RandomPick(ExperimentHash.PickPrefix(salt.Get), id.Get, count.Get);

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.02)]
    public void Bucket_20000Ids_ControlShareWithin1Percent(double control)
    {
        var inControl = Enumerable.Range(0, 20_000).Count(i => ExperimentHash.Bucket("nba-2026q4", $"C{i:000000}") < control);
        Assert.InRange(inControl / 20_000.0, control - 0.01, control + 0.01);
    }

    [Fact]
    public void Decide_ModelGroup_ReturnsTheModelChoiceAndNoCounterfactual()
    {
        var decision = Decide(Map(0, "none"), Customer());
        Assert.Equal("model", decision.Experiment!.Group);
        Assert.Equal(["b", "c"], decision.Actions.Select(a => a.Strategy));
        Assert.Null(decision.Counterfactual);
        Assert.DoesNotContain("counterfactual", DecisionJson.ToJson(decision));
    }

    [Fact]
    public void Decide_ControlPolicyNone_ReturnsNoActionsAndTheModelChoiceAsCounterfactual()
    {
        var decision = Decide(Map(1, "none"), Customer());
        Assert.Equal("control", decision.Experiment!.Group);
        Assert.Empty(decision.Actions);
        Assert.Equal([("b", 1), ("c", 2)], decision.Counterfactual!.Select(a => (a.Strategy, a.Rank)));
    }

    [Fact]
    public void Decide_ControlPolicyPriority_RanksCandidatesByPriorityAlone()
    {
        var decision = Decide(Map(1, "priority"), Customer());
        Assert.Equal([("a", 1), ("c", 2)], decision.Actions.Select(a => (a.Strategy, a.Rank)));
        Assert.Equal(["b", "c"], decision.Counterfactual!.Select(a => a.Strategy));
    }

    [Fact]
    public void Decide_ControlPolicyRandom_PicksOneCandidateDeterministically()
    {
        // Candidates in file order are a, b, c (d fails its condition).
        var candidates = new[] { "a", "b", "c" };
        var picks = new HashSet<string>();
        foreach (var id in MapGenerator.IdPool)
        {
            var decision = Decide(Map(1, "random"), Customer(id));
            var action = Assert.Single(decision.Actions);
            Assert.Equal(candidates[ExperimentHash.RandomPick("nba-2026q4", id, 3)], action.Strategy);
            Assert.Equal(candidates[ReferenceHash.RandomPick("nba-2026q4", id, 3)], action.Strategy);
            Assert.Equal(1, action.Rank);
            Assert.Equal(["b", "c"], decision.Counterfactual!.Select(a => a.Strategy));
            picks.Add(action.Strategy);
        }

        Assert.Equal(candidates, picks.Order());
    }

    [Theory]
    [InlineData("none")]
    [InlineData("priority")]
    [InlineData("random")]
    public void Decide_ControlGroup_TraceMarksTheCounterfactualAsSelected(string policy)
    {
        var decision = Decide(Map(1, policy), Customer());
        Assert.Equal(["selected", "selected", ReasonCodes.Arbitration, ReasonCodes.Condition],
            new[] { "b", "c", "a", "d" }.Select(s => Outcome(decision, s)));
    }

    [Fact]
    public void Decide_Experiment_ReportsIdGroupBucketAndConfiguredControl()
    {
        var decision = Decide(Map(0.25, "none"), Customer("C007"));
        var bucket = ReferenceHash.Bucket("nba-2026q4", "C007");
        Assert.Equal(new ExperimentAssignment("nba", bucket < 0.25 ? "control" : "model", bucket, 0.25), decision.Experiment);
        Assert.Contains($"\"experiment\":{{\"id\":\"nba\",\"group\":\"{decision.Experiment!.Group}\",\"bucket\":{bucket.ToString(System.Globalization.CultureInfo.InvariantCulture)},\"control\":0.25}}",
            DecisionJson.ToJson(decision));
    }

    [Fact]
    public void Decide_SaltDefaultsToTheExperimentId()
    {
        var map = Map(0.5, "none").Replace(", salt: nba-2026q4", "");
        var decision = Decide(map, Customer("C013"));
        Assert.Equal(ReferenceHash.Bucket("nba", "C013"), decision.Experiment!.Bucket);
    }

    [Fact]
    public void Decide_NoExperiment_LeavesExperimentOut()
    {
        var map = Map(0, "none");
        map = map[..map.IndexOf("experiment:", StringComparison.Ordinal)];
        var decision = Decide(map, Customer());
        Assert.Null(decision.Experiment);
        Assert.DoesNotContain("\"experiment\"", DecisionJson.ToJson(decision));
    }
}
