using Decisioning.Diffing;
using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Plan;
using Xunit;
using Decisioning.Snapshots;

namespace Decisioning.Tests.Diffing;

/// <summary>The sample map against a next version with one strategy's priority changed.</summary>
public sealed class MapDiffTests
{
    private static readonly DateTime At = new(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("retiree-pension", 30)]
    [InlineData("digital-gold", 100)]
    public void Run_PriorityChanged_ListsExactlyTheCustomersWhoseActionsMove(string strategy, int priority)
    {
        using var changed = new ChangedSampleMap(strategy, priority);
        var old = Load(ChangedSampleMap.Original);
        var @new = Load(changed.Folder);
        var lines = File.ReadAllLines(ChangedSampleMap.Customers);

        // Independently: decide under both maps, compare what each customer receives, score aside.
        var moved = new List<string>();
        foreach (var line in lines)
        {
            var before = Decide(old, line);
            var after = Decide(@new, line);
            if (!Received(before).SequenceEqual(Received(after)) || before.Experiment?.Group != after.Experiment?.Group)
            {
                moved.Add(before.CustomerId);
            }
        }

        var listed = new List<string>();
        var summary = new MapDiff(old, @new).Run(lines, At, d => listed.Add(d.CustomerId!));
        Assert.NotEmpty(moved);
        Assert.Equal(moved, listed);
        Assert.Equal((lines.Length, moved.Count), (summary.Customers, summary.Changed));
        var strategyRow = summary.Strategies.Single(s => s.Strategy == strategy);
        Assert.NotEqual(strategyRow.Old, strategyRow.New);
    }

    [Fact]
    public void Run_SameMapTwice_ChangesNothing()
    {
        var plan = Load(ChangedSampleMap.Original);
        var summary = new MapDiff(plan, plan).Run(File.ReadLines(ChangedSampleMap.Customers), At, d => Assert.Fail($"{d.CustomerId} changed"));
        Assert.Equal(0, summary.Changed);
        Assert.Empty(summary.Moves);
    }

    private static DecisionPlan Load(string path)
    {
        var loaded = MapLoader.Load(path);
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        return loaded.Plan!;
    }

    private static Decision Decide(DecisionPlan plan, string line)
    {
        var (customer, error) = new SnapshotReader(plan).Read(line);
        Assert.Null(error);
        return new Evaluator(plan).Decide(customer!, At);
    }

    private static IEnumerable<(int, string, string, string, string?)> Received(Decision d) =>
        d.Actions.Select(a => (a.Rank, a.Strategy, a.Product, a.Channel, a.Script));
}
