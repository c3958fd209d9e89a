using Decisioning.Evaluation;
using Decisioning.Testing.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using Xunit.Abstractions;

namespace Decisioning.Testing.Tests.Generation;

public sealed class ExploreTests(ITestOutputHelper output)
{
    [Fact]
    public void Explore()
    {
        var plan = SampleMap.Plan;
        var at = SampleMap.At;
        var mutant = new Evaluator(plan, null, EvaluationRules.Spec with { HonoursOnePerProduct = false });
        var good = new Evaluator(plan);
        var arb = MapArbitraries.For(plan, at);
        var sample = Gen.Sample(arb.Generator, size: 50, seed: new Rnd(7), numberOfSamples: 3000);
        int viol = 0, cands = 0, two = 0, samep = 0; var pairs = new Dictionary<string, int>();
        foreach (var c in sample)
        {
            var r = c.ReadFor(plan);
            var d = mutant.Decide(r, at);
            var m = d.Counterfactual ?? d.Actions;
            if (m.Select(a => a.Product).Distinct().Count() < m.Count) { viol++; var k = m[0].Strategy + "+" + m[1].Strategy; pairs[k] = pairs.GetValueOrDefault(k) + 1; }
            var candSet = good.Decide(r, at).Trace.Where(t => t.Reason is null or "arbitration").Select(t => plan.Strategies.First(s => s.Id == t.Strategy).Product.Id).ToList();
            if (candSet.Distinct().Count() < candSet.Count) samep++;
            var g = good.Decide(r, at);
            var n = g.Trace.Count(t => t.Reason is null or "arbitration");
            cands += n; if (n >= 2) two++;
        }
        output.WriteLine(string.Join("\n", pairs.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}")));
        output.WriteLine($"same-product candidates {samep}");
        output.WriteLine($"violations {viol}/3000, candidates/customer {cands / 3000.0:0.00}, >=2 {two}");
        output.WriteLine(MapProperties.For(plan, at).Reach(1000).ToString());
    }
}
