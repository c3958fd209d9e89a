using Decisioning.Evaluation;
using Decisioning.Tests.CrossCheck;
using FsCheck.Xunit;
using Xunit;
using SnapshotReader = Decisioning.Snapshots.SnapshotReader;
using Decisioning.Serialization;

namespace Decisioning.Tests.Evaluation;

/// <summary>
/// Properties of every decision over random maps and customers (the cross-check's generators,
/// driven by FsCheck seeds): determinism, gates that do not depend on the other strategies, and
/// arbitration that keeps its limits.
/// </summary>
public sealed class DecisionPropertiesTests
{
    private static IEnumerable<(RandomCustomer Customer, Decision Decision)> Decisions(RandomMap map, DateTime at, int seed, Evaluator evaluator)
    {
        var reader = new SnapshotReader(evaluator.Plan);
        var customers = new CustomerGenerator(new Random(seed), map, at);
        for (var i = 0; i < 8; i++)
        {
            var customer = customers.Next();
            var (record, error) = reader.Read(SnapshotJson.Write(map, customer));
            Assert.Null(error);
            yield return (customer, evaluator.Decide(record!, at));
        }
    }

    private static (RandomMap Map, DateTime At, Evaluator Evaluator) Load(int seed)
    {
        var (map, at) = new MapGenerator(seed).Next();
        var loaded = RandomMapFiles.Load(map, seed);
        Assert.True(loaded.Result.Success, string.Join("\n", loaded.Result.Diagnostics));
        return (map, at, new Evaluator(loaded.Result.Plan!));
    }

    [Property(MaxTest = 30)]
    public void Decide_SameMapSnapshotAndTime_GivesTheSameDecision(int seed)
    {
        var (map, at, evaluator) = Load(seed);
        var again = new Evaluator(RandomMapFiles.Load(map, seed).Result.Plan!);
        var first = Decisions(map, at, seed, evaluator).Select(d => DecisionJson.ToJson(d.Decision)).ToList();
        var second = Decisions(map, at, seed, again).Select(d => DecisionJson.ToJson(d.Decision)).ToList();
        var third = Decisions(map, at, seed, evaluator).Select(d => DecisionJson.ToJson(d.Decision)).ToList();
        Assert.Equal(first, second);
        Assert.Equal(first, third);
    }

    [Property(MaxTest = 30)]
    public void Decide_WithAndWithoutRecorder_GivesTheSameDecision(int seed)
    {
        // Without a recorder strategies aimed elsewhere are not run (TargetIndex); with one, all are.
        var (map, at, evaluator) = Load(seed);
        var reader = new SnapshotReader(evaluator.Plan);
        var customers = new CustomerGenerator(new Random(seed), map, at);
        for (var i = 0; i < 8; i++)
        {
            var record = reader.Read(SnapshotJson.Write(map, customers.Next())).Customer!;
            Assert.Equal(DecisionJson.ToJson(evaluator.Decide(record, at, new Explanation())), DecisionJson.ToJson(evaluator.Decide(record, at)));
        }
    }

    [Property(MaxTest = 20)]
    public void Decide_EachStrategyRecheckedAlone_GetsTheSameGateOutcome(int seed)
    {
        var (map, at, evaluator) = Load(seed);
        var decisions = Decisions(map, at, seed, evaluator).ToList();
        for (var s = 0; s < map.Strategies.Count; s++)
        {
            // Alone, without experiment or arbitration limits: a candidate must be selected with the
            // same channel, script and score; a rejected strategy must fail at the same gate.
            var alone = map with { Strategies = [map.Strategies[s]], Experiment = null, Arbitration = null };
            var single = Load(alone, seed);
            foreach (var (customer, decision) in decisions)
            {
                var (record, _) = new SnapshotReader(single.Plan).Read(SnapshotJson.Write(map, customer));
                var check = single.Decide(record!, at);
                var before = decision.Trace[s];
                var now = check.Trace.Single();
                if (before.Reason is null or ReasonCodes.Arbitration)
                {
                    Assert.Equal(TraceEntry.Selected, now.Outcome);
                    var chosen = decision.Counterfactual ?? decision.Actions;
                    if (chosen.FirstOrDefault(a => a.Strategy == before.Strategy) is { } action)
                    {
                        // Alone, a strategy is never the fallback of others: its action is the same but for that mark.
                        Assert.Equal(action with { Rank = 1, Fallback = null }, check.Actions.Single());
                    }
                }
                else
                {
                    Assert.Equal(before.Reason, now.Reason);
                }
            }
        }
    }

    private static Evaluator Load(RandomMap map, int seed)
    {
        var loaded = RandomMapFiles.Load(map, seed);
        Assert.True(loaded.Result.Success, string.Join("\n", loaded.Result.Diagnostics));
        return new Evaluator(loaded.Result.Plan!);
    }

    [Property(MaxTest = 60)]
    public void Decide_Arbitration_NeverExceedsItsLimits(int seed)
    {
        var (map, at, evaluator) = Load(seed);
        var maxActions = map.Arbitration?.MaxActions ?? 1;
        var onePerProduct = map.Arbitration?.OnePerProduct ?? true;
        var onePerChannel = map.Arbitration?.OnePerChannel ?? false;
        foreach (var (_, decision) in Decisions(map, at, seed, evaluator))
        {
            var model = decision.Counterfactual ?? decision.Actions;
            Assert.InRange(model.Count, 0, maxActions);
            Assert.Equal(Enumerable.Range(1, model.Count), model.Select(a => a.Rank));
            Assert.True(model.Zip(model.Skip(1)).All(p => p.First.Score >= p.Second.Score));
            Assert.True(!onePerProduct || model.Select(a => a.Product).Distinct().Count() == model.Count);
            Assert.True(!onePerChannel || model.Select(a => a.Channel).Distinct().Count() == model.Count);
            Assert.Equal(model.Select(a => a.Strategy).Order(),
                decision.Trace.Where(t => t.Outcome == TraceEntry.Selected).Select(t => t.Strategy).Order());
            if (decision.Counterfactual is not null)
            {
                var policy = map.Experiment!.EffectivePolicy;
                var limit = policy switch { "none" => 0, "random" => 1, _ => maxActions };
                Assert.InRange(decision.Actions.Count, 0, limit);
                Assert.Equal(Enumerable.Range(1, decision.Actions.Count), decision.Actions.Select(a => a.Rank));
            }
        }
    }
}
