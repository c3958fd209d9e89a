using System.Text.RegularExpressions;
using Decisioning.Evaluation;
using Decisioning.Snapshots;
using Decisioning.Testing.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Decisioning.Testing.Tests;

public sealed class ReachReportTests(ITestOutputHelper output)
{
    // 1000 customers of the sample map, decided with a host policy: `policy` needs one, and the
    // command line registers none.
    private static readonly Lazy<ReachReport> SampleReach = new(() =>
    {
        var noCallsToTheVeryOld = DecisionPolicy.Veto("no-calls-over-70",
            (customer, candidate, _) => candidate.Channel.Id != "rm-call" || (int)customer.GetValue("age")! <= 70);
        return MapProperties.For(new Evaluator(SampleMap.Plan, [noCallsToTheVeryOld]), SampleMap.At).Reach(1000);
    });

    [Fact]
    public void Reach_SampleMapWithAHostPolicy_ReachesEveryReasonCodeOfTheSpec()
    {
        var reach = SampleReach.Value;

        output.WriteLine(reach.ToString());
        Assert.Equal(0, reach.Invalid);
        Assert.Empty(reach.UnreachedReasons);
        Assert.Equal(ReasonCodes.All.Order(), reach.Reasons.Keys.Order());
    }

    [Fact]
    public void Reach_SampleMap_SelectsEveryActiveStrategyAndFlipsTheirGates()
    {
        var reach = SampleReach.Value;

        var inactive = new[] { "singles-day-gold", "double-twelve-installment", "new-year-kickoff" };
        Assert.Equal(inactive, reach.NeverSelected);
        // Every gate that can go both ways for a strategy active at the decision time did.
        foreach (var strategy in reach.Strategies.Where(s => !inactive.Contains(s.Strategy)))
        {
            var plan = SampleMap.Plan.Strategies.Single(s => s.Id == strategy.Strategy);
            Assert.All(strategy.Gates.Where(g => CanFail(plan, g.Gate)), g => Assert.True(g.Flipped, $"{strategy.Strategy} {g}"));
        }
    }

    [Fact]
    public void Reach_DocsExample_ShowsWhatTheCodeProduces()
    {
        // docs/testing.md shows the start and the end of this very report; "..." stands for the rows left out.
        var doc = File.ReadAllText(SampleMap.Repo("docs", "testing.md")).ReplaceLineEndings("\n");
        var example = Regex.Match(doc, "```\n(reach of 1000 generated customers.*?)```", RegexOptions.Singleline);
        Assert.True(example.Success, "docs/testing.md has no reach example");
        var produced = SampleReach.Value.ToString().ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).ToList();

        var shown = example.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l != "...").ToList();

        Assert.True(shown.Count >= 5, "the example shows too little to be checked");
        Assert.All(shown, line => Assert.Contains(line.TrimEnd(), produced));
    }

    [Fact]
    public void Reach_WithoutAHostPolicy_ReportsPolicyAsNotReached()
    {
        var reach = MapProperties.For(SmallMap.Load(), SampleMap.At).Reach(100);
        Assert.Contains(ReasonCodes.Policy, reach.UnreachedReasons);
        Assert.Contains("not reached:  ", reach.ToString());
    }

    [Fact]
    public void Reach_SameSeed_GivesTheSameReport()
    {
        var map = MapProperties.For(SampleMap.Plan, SampleMap.At);
        Assert.Equal(map.Reach(100, seed: 7).ToString(), map.Reach(100, seed: 7).ToString());
    }

    // Gates a strategy's own definition keeps from failing (no target, no condition, ...) never flip.
    private static bool CanFail(Decisioning.Plan.StrategyPlan s, string gate) => gate switch
    {
        "active" => false,
        "target" => s.Target is not null,
        "scenario" => s.Scenario is { Kind: not Decisioning.Plan.ScenarioKind.Always },
        "when" => s.When is not null,
        "product" => s.Product.Eligible.Text != "true",
        "held" => !s.Product.Repeatable,
        "cooldown" => s.Cooldown is not null,
        // A suppression rule needs several records of one kind at once: reached as a code, not per strategy.
        "suppression" => false,
        "responded" or "wave" => s.HasWaves,
        _ => true,
    };
}
