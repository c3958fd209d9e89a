using System.Globalization;
using System.Text;

namespace Decisioning.Reporting.Tests.Support;

/// <summary>Builds decision and outcome lines in the shapes of spec sections 4 and 6.</summary>
internal static class DecisionLines
{
    public static readonly DateTimeOffset Day0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A decision; model-group customers get <paramref name="strategy"/> as actions[0], control
    /// customers as counterfactual[0] (policy none: no actions).
    /// </summary>
    public static string Decision(
        string customerId, DateTimeOffset at, string? group, string? strategy = null, string? product = null,
        double control = 0.1, string experiment = "nba-2026q4")
    {
        var action = strategy is null
            ? string.Empty
            : $$"""{"rank": 1, "strategy": "{{strategy}}", "objective": "aum-growth", "scenario": "no-pension", "product": "{{product ?? strategy + "-product"}}", "channel": "rm-call", "script": "王女士您好，养老目标基金适合您现在的规划。", "score": 31.36, "propensity": 0.12}""";
        var experimentPart = group is null
            ? string.Empty
            : $$""", "experiment": {"id": "{{experiment}}", "group": "{{group}}", "bucket": 0.5734, "control": {{control.ToString(CultureInfo.InvariantCulture)}}}""";
        var arms = group == "control"
            ? $$""", "actions": [], "counterfactual": [{{action}}]"""
            : $$""", "actions": [{{action}}]""";
        return $$"""{"customerId": "{{customerId}}", "map": "retail-wealth", "version": "2026.11.1", "at": "{{Time(at)}}", "tier": "wealth", "stage": "honeymoon", "segments": ["retirees"]{{experimentPart}}{{arms}}, "trace": [{"strategy": "{{strategy}}", "outcome": "selected"}, {"strategy": "card-activation", "outcome": "rejected", "reason": "not-targeted"}]}""";
    }

    public static string Outcome(string customerId, DateTimeOffset at, string? product, string kind = "converted", double? value = null)
    {
        var productPart = product is null ? string.Empty : $", \"product\": \"{product}\"";
        var valuePart = value is { } v ? ", \"value\": " + v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
        return $$"""{"customerId": "{{customerId}}", "at": "{{Time(at)}}"{{productPart}}, "kind": "{{kind}}"{{valuePart}}}""";
    }

    public static MemoryStream Stream(IEnumerable<string> lines) =>
        new(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
}
