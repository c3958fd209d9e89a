namespace Decisioning.Benchmarks.Baselines;

/// <summary>
/// The floor: every expression of the sample map (and of the generated maps) hand-written as a
/// C# predicate over the typed input, compiled by Roslyn. No parsing, no trees, no dispatch
/// beyond one delegate call per rule.
/// </summary>
public sealed class RawConditions : IConditionSet
{
    private static readonly string[] Delta = ["上海", "杭州", "南京", "苏州"];

    /// <summary>The map's expression text, as written, and its hand-written predicate.</summary>
    public static readonly IReadOnlyDictionary<string, Func<RuleInput, bool>> ByText = new Dictionary<string, Func<RuleInput, bool>>
    {
        ["true"] = _ => true,
        ["aum >= 6000000"] = c => c.aum >= 6000000m,
        ["aum >= 500000"] = c => c.aum >= 500000m,
        ["aum >= 50000"] = c => c.aum >= 50000m,
        ["aum >= 1000"] = c => c.aum >= 1000m,
        ["aum >= 100000"] = c => c.aum >= 100000m,
        ["aum >= 200000"] = c => c.aum >= 200000m,
        ["aum >= 10000000"] = c => c.aum >= 10000000m,
        ["monthsOnBook <= 3"] = c => c.monthsOnBook <= 3,
        ["daysSinceLastTxn >= 180"] = c => c.daysSinceLastTxn >= 180,
        ["aumPeak12m >= 50000 && aum < aumPeak12m * 0.5"] = c => c.aumPeak12m >= 50000m && c.aum < c.aumPeak12m * 0.5m,
        ["monthsOnBook <= 24"] = c => c.monthsOnBook <= 24,
        ["age >= 55 || isRetiree"] = c => c.age >= 55 || c.isRetiree,
        ["tier == \"private\" || tier == \"wealth\""] = c => c.tier == "private" || c.tier == "wealth",
        ["tier == \"affluent\" && aum >= 300000"] = c => c.tier == "affluent" && c.aum >= 300000m,
        ["payrollMonthly >= 5000"] = c => c.payrollMonthly >= 5000m,
        ["age >= 22 && age <= 35"] = c => c.age >= 22 && c.age <= 35,
        ["holdings.Contains(\"credit-card\") && creditCardSpend >= 3000"] = c => c.holdings.Contains("credit-card") && c.creditCardSpend >= 3000m,
        ["appActive30d && digitalLogins30d >= 10"] = c => c.appActive30d && c.digitalLogins30d >= 10,
        ["riskLevel >= 4"] = c => c.riskLevel >= 4,
        ["stage == \"at-risk\" || stage == \"dormant\""] = c => c.stage == "at-risk" || c.stage == "dormant",
        ["city == \"上海\" || city == \"杭州\" || city == \"南京\" || city == \"苏州\""] = c => Array.IndexOf(Delta, c.city) >= 0,
        ["riskLevel >= 2"] = c => c.riskLevel >= 2,
        ["riskLevel >= 3"] = c => c.riskLevel >= 3,
        ["age >= 25 && age <= 65"] = c => c.age >= 25 && c.age <= 65,
        ["age >= 18 && age <= 65"] = c => c.age >= 18 && c.age <= 65,
        ["creditCardSpend >= 2000"] = c => c.creditCardSpend >= 2000m,
        ["hasPhone"] = c => c.hasPhone,
        ["hasPhone && !doNotCall"] = c => c.hasPhone && !c.doNotCall,
        ["wechatBound && !doNotCall"] = c => c.wechatBound && !c.doNotCall,
        ["appActive30d"] = c => c.appActive30d,
        ["city != null"] = c => c.city != null,
        ["age <= 70"] = c => c.age <= 70,
        ["monthsOnBook >= 6"] = c => c.monthsOnBook >= 6,
        ["monthsOnBook >= 6 && digitalLogins30d >= 3"] = c => c.monthsOnBook >= 6 && c.digitalLogins30d >= 3,
        ["stage == \"honeymoon\" || stage == \"growing\""] = c => c.stage == "honeymoon" || c.stage == "growing",
        ["tier == \"affluent\" || tier == \"mass\" || tier == \"long-tail\""] = c => c.tier == "affluent" || c.tier == "mass" || c.tier == "long-tail",
        ["tier == \"affluent\" || tier == \"wealth\""] = c => c.tier == "affluent" || c.tier == "wealth",
        ["tier == \"private\""] = c => c.tier == "private",
        ["event.amount >= 200000"] = c => c.@event!.amount >= 200000m,
        ["event.amount >= 50000"] = c => c.@event!.amount >= 50000m,
        ["event.amount >= 5000"] = c => c.@event!.amount >= 5000m,
    };

    private readonly Dictionary<string, Func<RuleInput, bool>[]> _groups;

    public RawConditions(MapWorkflows map) =>
        _groups = map.Groups.ToDictionary(g => g.Name, g => g.Rules.Select(r => ByText.TryGetValue(r.Expression, out var f)
            ? f
            : throw new InvalidOperationException($"no hand-written predicate for '{r.Expression}'")).ToArray());

    public void Evaluate(string group, RuleInput input, bool[] results)
    {
        var rules = _groups[group];
        for (var i = 0; i < rules.Length; i++)
        {
            results[i] = rules[i](input);
        }
    }
}
