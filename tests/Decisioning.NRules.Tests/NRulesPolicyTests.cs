using Decisioning.Evaluation;
using Decisioning.Hosting;
using Decisioning.NRules.Tests.SampleRules;
using Microsoft.Extensions.DependencyInjection;
using NRules.Fluent;
using Xunit;

namespace Decisioning.NRules.Tests;

public class NRulesPolicyTests
{
    private static readonly Action<IRuleLoadSpec> SampleRules = rules => rules
        .From(typeof(InvestmentSuitabilityRule).Assembly)
        .Where(rule => !rule.IsTagged("container"));

    [Fact]
    public void Decide_RiskLevelBelowTheProducts_InvestmentVetoedWithTheRuleName()
    {
        using var map = Suitability();

        var decision = map.Engine.Decide("wealth", WealthMap.Customer(riskLevel: 3), WealthMap.At);

        Assert.Equal(["pension", "deposit"], decision.Actions.Select(a => a.Strategy));
        Assert.Equal(new TraceEntry("equity", TraceEntry.Rejected, ReasonCodes.Policy, "investment-suitability"),
            decision.Trace.Single(t => t.Strategy == "equity"));
        Assert.Contains("""{"strategy":"equity","outcome":"rejected","reason":"policy","rule":"investment-suitability"}""",
            DecisioningJson.Serialize(decision));
    }

    [Theory]
    [InlineData(1, new[] { "deposit" })]
    [InlineData(2, new[] { "deposit" })]
    [InlineData(3, new[] { "pension", "deposit" })]
    [InlineData(4, new[] { "equity", "pension", "deposit" })]
    [InlineData(5, new[] { "equity", "pension", "deposit" })]
    public void Decide_ByRiskLevel_OnlySuitableInvestmentsAndTheDepositRemain(int riskLevel, string[] expected)
    {
        using var map = Suitability();

        var decision = map.Engine.Decide("wealth", WealthMap.Customer(riskLevel), WealthMap.At);

        Assert.Equal(expected, decision.Actions.Select(a => a.Strategy));
        Assert.All(decision.Trace.Where(t => t.Reason is not null), t => Assert.Equal("investment-suitability", t.Rule));
    }

    [Fact]
    public void Decide_SeniorOnAnAppOffer_ScoreHalvedAndRankingFollows()
    {
        using var map = Suitability();

        var decision = map.Engine.Decide("wealth", WealthMap.Customer(riskLevel: 5, age: 72), WealthMap.At);

        Assert.Equal(["equity", "pension", "deposit"], decision.Actions.Select(a => a.Strategy));
        Assert.Equal([500, 150, 50], decision.Actions.Select(a => a.Score));
    }

    [Fact]
    public async Task SessionFactory_IsCompiledOncePerMapVersion_NeverPerDecision()
    {
        using var map = Suitability();
        for (var i = 0; i < 50; i++)
        {
            map.Engine.Decide("wealth", WealthMap.Customer(i % 5 + 1), WealthMap.At);
        }

        Assert.Single(Compilations(map));
        File.WriteAllText(map.MapFile, WealthMap.Text.Replace("\"w1\"", "\"w2\""));
        Assert.True((await map.Engine.ReloadAsync("wealth")).Succeeded);
        map.Engine.Decide("wealth", WealthMap.Customer(3), WealthMap.At);

        Assert.Equal(["w1", "w2"], Compilations(map).Select(r => r.GetStructuredStateValue("Version")));
        Assert.All(Compilations(map), r => Assert.Equal("2", r.GetStructuredStateValue("RuleCount")));
    }

    [Fact]
    public void Decide_FromManyThreads_EachDecisionHasItsOwnSession()
    {
        using var map = Suitability();
        var expected = DecisioningJson.Serialize(map.Engine.Decide("wealth", WealthMap.Customer(3, age: 75), WealthMap.At));

        var results = new string[8 * 200];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = DecisioningJson.Serialize(map.Engine.Decide("wealth", WealthMap.Customer(3, age: 75), WealthMap.At)));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void AddNRulesPolicy_RuleWithAConstructorService_IsMadeFromTheContainer()
    {
        using var map = new WealthMap(
            b => b.AddNRulesPolicy(rules => rules.From(typeof(BlockedCustomersRule))),
            services => services.AddSingleton(new ComplianceHolds(["C-held"])));

        var held = map.Engine.Decide("wealth", WealthMap.Customer(5, id: "C-held"), WealthMap.At);
        var free = map.Engine.Decide("wealth", WealthMap.Customer(5, id: "C-free"), WealthMap.At);

        Assert.Empty(held.Actions);
        Assert.All(held.Trace, t => Assert.Equal("compliance-hold", t.Rule));
        Assert.Equal(3, free.Actions.Count);
    }

    [Fact]
    public void AddNRulesPolicy_AppliesToOtherMapsOnly_ThisMapUntouched()
    {
        using var map = new WealthMap(b => b.AddNRulesPolicy(SampleRules, o =>
        {
            o.Facts = _ => ProductRisk.Catalogue;
            o.AppliesTo = id => id != "wealth";
        }));

        var decision = map.Engine.Decide("wealth", WealthMap.Customer(riskLevel: 1), WealthMap.At);

        Assert.Equal(3, decision.Actions.Count);
        Assert.Empty(Compilations(map));
    }

    [Fact]
    public void AddNRulesPolicy_SelectionFindsNoRule_MapFailsToLoad()
    {
        using var map = new WealthMap(b => b.AddNRulesPolicy(rules => rules.From(typeof(NestedRule))));

        var e = Assert.Throws<MapLoadException>(() => map.Engine);

        Assert.Contains("loaded no rules", e.Message);
    }

    private static WealthMap Suitability() =>
        new(b => b.AddNRulesPolicy(SampleRules, o => o.Facts = _ => ProductRisk.Catalogue));

    private static IEnumerable<Microsoft.Extensions.Logging.Testing.FakeLogRecord> Compilations(WealthMap map) =>
        map.Logs.GetSnapshot().Where(r => r.Id.Name == "RulesCompiled");

    // NRules skips nested rule classes unless the selection says NestedTypes().
    public sealed class NestedRule : global::NRules.Fluent.Dsl.Rule
    {
        public override void Define()
        {
            Facts.CustomerFact customer = null!;
            When().Match(() => customer);
            Then().Do(_ => Console.WriteLine());
        }
    }
}
