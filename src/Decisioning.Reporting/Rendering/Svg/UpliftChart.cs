using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Html;

namespace Decisioning.Reporting.Rendering.Svg;

/// <summary>
/// Per-strategy conversion uplift (model minus control, percentage points) with 95% interval
/// bars, best first; a strategy is green or red only when its Benjamini-Hochberg adjusted
/// p-value is below 0.05.
/// </summary>
internal static class UpliftChart
{
    private const double Width = 900, Left = 230, Right = 690, RowHeight = 30, Top = 16;

    public static string Render(IReadOnlyList<StrategyComparison> strategies)
    {
        var rows = Sorted(strategies);
        var plotBottom = Top + (Math.Max(1, rows.Count) * RowHeight);
        var svg = new SvgBuilder("uplift", Width, plotBottom + 44, "Conversion uplift per strategy with 95% intervals");
        svg.Rect(0, 0, Width, plotBottom + 44, Palette.Background);
        var values = rows.SelectMany(r => new[] { r.Absolute.Low, r.Absolute.High, r.Absolute.Estimate })
            .Where(v => v is not null).Select(v => Points(v!.Value));
        var x = LinearScale.Covering(values, Left, Right, includeZero: true);
        Axis(svg, x, plotBottom);
        if (rows.Count == 0)
        {
            svg.Text((Left + Right) / 2, Top + 19, "No strategy had customers in both groups.", "middle");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            Row(svg, x, rows[i], Top + (i * RowHeight) + (RowHeight / 2));
        }

        return svg.Build();
    }

    /// <summary>By absolute uplift, largest first; strategies without an estimate last, by id.</summary>
    public static List<(string Strategy, Interval Absolute, double? PAdjusted)> Sorted(IReadOnlyList<StrategyComparison> strategies) =>
        strategies
            .Select(s => (s.Strategy, s.Comparison.Conversion.Absolute, s.Comparison.Conversion.PValueAdjusted))
            .OrderBy(r => r.Absolute.Estimate is null)
            .ThenByDescending(r => r.Absolute.Estimate ?? 0)
            .ThenBy(r => r.Strategy, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// A rate difference in percentage points, clipped to [-100, 100]: a Wald interval of a small
    /// group can reach past what a difference of rates can be, and would squeeze every other row.
    /// </summary>
    private static double Points(double difference) => Math.Clamp(difference * 100, -100, 100);

    private static void Axis(SvgBuilder svg, LinearScale x, double bottom)
    {
        foreach (var tick in x.Ticks())
        {
            svg.Line(x[tick], Top - 6, x[tick], bottom, tick == 0 ? Palette.Axis : Palette.Grid, tick == 0 ? 1.5 : 1, tick == 0 ? "4 3" : null);
            svg.Text(x[tick], bottom + 18, Format.Points(tick / 100), "middle", "t small");
        }

        svg.Text((Left + Right) / 2, bottom + 38, "conversion uplift, percentage points (model − control)", "middle", "t small");
    }

    private static void Row(SvgBuilder svg, LinearScale x, (string Strategy, Interval Absolute, double? PAdjusted) row, double y)
    {
        var label = row.Strategy.Length > 30 ? row.Strategy[..29] + "…" : row.Strategy;
        svg.Text(Left - 12, y + 5, label, "end");
        if (row.Absolute.Estimate is not { } estimate)
        {
            svg.Text(Left + 4, y + 5, "n/a: a group is empty", "start", "t small muted");
            return;
        }

        var significant = row.PAdjusted < Headline.Alpha;
        var colour = !significant ? Palette.Neutral : estimate > 0 ? Palette.Better : Palette.Worse;
        var interval = string.Empty;
        if (row.Absolute.Low is { } low && row.Absolute.High is { } high)
        {
            svg.Line(x[Points(low)], y, x[Points(high)], y, colour, 4);
            interval = $" (95% CI {Format.Points(low)} to {Format.Points(high)})";
        }

        svg.Circle(x[Points(estimate)], y, 6, colour, $"{row.Strategy}: {Format.Points(estimate)}{interval}");
        svg.Text(Right + 12, y + 5, $"{Format.Points(estimate)} · adj. {Format.PValue(row.PAdjusted)}", "start", "t small");
    }
}
