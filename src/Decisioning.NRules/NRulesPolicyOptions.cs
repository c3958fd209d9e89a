using Decisioning.Hosting;

namespace Decisioning.NRules;

/// <summary>How <see cref="NRulesDecisioningBuilderExtensions.AddNRulesPolicy"/> builds its policy.</summary>
public sealed class NRulesPolicyOptions
{
    /// <summary>
    /// Facts for every session of a map version (a product catalogue, thresholds), made once per
    /// version when it loads. Default: none.
    /// </summary>
    public Func<DecisionPolicyContext, IEnumerable<object>>? Facts { get; set; }

    /// <summary>Which maps the rules apply to, by map id. Default: every map.</summary>
    public Func<string, bool> AppliesTo { get; set; } = _ => true;
}
