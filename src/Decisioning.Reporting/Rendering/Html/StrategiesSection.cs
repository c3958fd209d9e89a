using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Svg;

namespace Decisioning.Reporting.Rendering.Html;

/// <summary>Per-strategy uplift: the interval chart, sorted by uplift, and the numbers behind it.</summary>
internal static class StrategiesSection
{
    public static string Render(IReadOnlyList<StrategyComparison> strategies)
    {
        var rows = string.Concat(UpliftChart.Sorted(strategies)
            .Select(r => strategies.First(s => s.Strategy == r.Strategy))
            .Select(s => Row(s.Strategy, s.Comparison)));
        return $"""
            <section id="strategies"><h2>Uplift per strategy<span class="zh" lang="zh-CN">分策略提升</span></h2>
            <p class="note">Customers count under the strategy of their first action (model group) or of the action the
            map would have chosen (control group); only outcomes for that strategy's product count. Bars are 95%
            intervals; green or red only when the Benjamini-Hochberg adjusted p-value (p adj.), which allows for
            testing {Format.Count(strategies.Count)} {(strategies.Count == 1 ? "strategy" : "strategies")} at once, is below 0.05.</p>
            {UpliftChart.Render(strategies)}
            <div class="scroll"><table>
            {Html.Head("strategy", "customers<br>model / control", "conversion<br>model / control", "uplift (95% CI)", "relative", "p / p adj.", "value Δ<br>per customer")}
            <tbody>{rows}</tbody></table></div>
            </section>
            """;
    }

    private static string Row(string strategy, Comparison c)
    {
        var absolute = c.Conversion.Absolute;
        var interval = absolute.Low is null ? string.Empty : $"<br>{Format.Points(absolute.Low)} to {Format.Points(absolute.High)}";
        return Html.Row(
            Html.Encode(strategy),
            $"{Format.Count(c.Model.Customers)} / {Format.Count(c.Control.Customers)}",
            $"{Format.Percent(c.Model.ConversionRate)} / {Format.Percent(c.Control.ConversionRate)}",
            Format.Points(absolute.Estimate) + interval,
            Format.Relative(c.Conversion.Relative.Estimate),
            $"{Format.PValue(c.Conversion.PValue)}<br>{Format.PValue(c.Conversion.PValueAdjusted)}",
            Format.SignedNumber(c.Value.Absolute.Estimate, 2));
    }
}
