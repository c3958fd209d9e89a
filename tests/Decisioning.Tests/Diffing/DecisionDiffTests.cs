using Decisioning.Diffing;
using Decisioning.Evaluation;
using Xunit;
using Decisioning.Snapshots;

namespace Decisioning.Tests.Diffing;

/// <summary>How two decisions of one customer are paired and told apart.</summary>
public sealed class DecisionDiffTests
{
    private static DecisionAction A(int rank, string strategy, string channel = "sms", double score = 1, string? product = null, string? script = "hi") =>
        new(rank, strategy, null, null, product ?? strategy + "-product", channel, script, score, 0.5);

    private static Decision D(string group, params DecisionAction[] actions) => new(
        "C1", "m", "1", new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc), null, null, [],
        new ExperimentAssignment("x", group, 0.5, 0.1), actions, null, []);

    private static Decision D(params DecisionAction[] actions) => D("model", actions);

    private static string Describe(IReadOnlyList<ActionChange> changes) => string.Join("; ", changes.Select(c =>
        $"{ActionChange.Name(c.Kind)} {c.Old?.Strategy}{c.Old?.Rank}>{c.New?.Strategy}{c.New?.Rank} {c.From}>{c.To}".TrimEnd()));

    [Fact]
    public void Compare_OnlyScoresMove_IsNoChange() =>
        Assert.Empty(DecisionDiff.Compare(D(A(1, "a", score: 3), A(2, "b", score: 1)), null, D(A(1, "a", score: 9), A(2, "b", score: 2)), null));

    [Fact]
    public void Compare_SameStrategiesSwapRanks_ReportsTwoRankChanges() =>
        Assert.Equal("rank a1>a2 >; rank b2>b1 >", Describe(DecisionDiff.Compare(D(A(1, "a"), A(2, "b")), null, D(A(1, "b"), A(2, "a")), null)));

    [Fact]
    public void Compare_AnotherStrategyAtTheSameRank_ReportsAMoveBetweenStrategies() =>
        Assert.Equal("strategy a1>b1 >", Describe(DecisionDiff.Compare(D(A(1, "a")), null, D(A(1, "b")), null)));

    [Fact]
    public void Compare_ActionsLeftOverAtOtherRanks_AreRemovedAndAdded() =>
        Assert.Equal("rank b2>b1 >; removed a1> >; added >c2 >",
            Describe(DecisionDiff.Compare(D(A(1, "a"), A(2, "b")), null, D(A(1, "b"), A(2, "c")), null)));

    [Fact]
    public void Compare_SameStrategyOnAnotherChannel_ReportsTheChannelNotTheScript()
    {
        var change = Assert.Single(DecisionDiff.Compare(D(A(1, "a", "call", script: "x")), null, D(A(1, "a", "sms", script: "y")), null));
        Assert.Equal(ChangeKind.Channel, change.Kind);
    }

    [Fact]
    public void Compare_SameChannelWithAnotherScript_ReportsTheScript() =>
        Assert.Equal(ChangeKind.Script, Assert.Single(DecisionDiff.Compare(D(A(1, "a", script: "x")), null, D(A(1, "a", script: "y")), null)).Kind);

    [Fact]
    public void Compare_SameStrategyWithAnotherProduct_ReportsTheProduct() =>
        Assert.Equal(ChangeKind.Product,
            Assert.Single(DecisionDiff.Compare(D(A(1, "a", product: "p")), null, D(A(1, "a", product: "q")), null)).Kind);

    [Fact]
    public void Compare_AnotherExperimentGroup_ReportsTheGroup() =>
        Assert.Equal("group > model>control", Describe(DecisionDiff.Compare(D("model", A(1, "a")), null, D("control", A(1, "a")), null)));

    [Fact]
    public void Compare_InvalidUnderTheNewMap_ReportsTheErrorAndTheRemovedActions()
    {
        var error = new SnapshotError("C1", SnapshotErrorCodes.MissingField, "required field 'x' (int) is missing");
        Assert.Equal("error > >missing-field; removed a1> >", Describe(DecisionDiff.Compare(D(A(1, "a")), null, null, error)));
    }

    [Fact]
    public void Compare_InvalidUnderBoth_IsNoChange()
    {
        var error = new SnapshotError(null, SnapshotErrorCodes.InvalidJson, "invalid JSON");
        Assert.Empty(DecisionDiff.Compare(null, error, null, error));
    }
}
