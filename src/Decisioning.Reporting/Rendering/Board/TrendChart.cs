using System.Globalization;
using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Html;
using Decisioning.Reporting.Rendering.Svg;

namespace Decisioning.Reporting.Rendering.Board;

/// <summary>
/// One strategy over the periods: its conversion uplift (model − control, percentage points) as a
/// line with the 95% interval as a band, and a dashed zero line; periods without a comparison
/// break the band. Below the axis each period shows its contacts.
/// </summary>
internal static class TrendChart
{
    private const double Width = 460, Height = 220, Left = 56, Right = 445, Top = 26, Bottom = 170;

    public static string Render(StrategyBoardRow row, int periodCount, Labels labels)
    {
        var svg = new SvgBuilder("trend", Width, Height, $"{labels.Trend}: {row.Strategy}");
        svg.Rect(0, 0, Width, Height, Palette.Background);
        svg.Text(Left, 16, row.Strategy, "start", "t");
        var points = row.Periods
            .Where(p => p.Comparison?.Conversion.Absolute is { Estimate: not null })
            .Select(p => (p.Period, Interval: p.Comparison!.Conversion.Absolute))
            .ToList();
        var x = new LinearScale(-0.5, Math.Max(1, periodCount) - 0.5, Left, Right);
        var values = points.SelectMany(p => new[] { p.Interval.Low, p.Interval.High, p.Interval.Estimate })
            .Where(v => v is not null).Select(v => Clamp(v!.Value));
        var y = LinearScale.Covering(values, Bottom, Top, includeZero: true);
        foreach (var tick in y.Ticks())
        {
            svg.Line(Left, y[tick], Right, y[tick], tick == 0 ? Palette.Axis : Palette.Grid, 1, tick == 0 ? "4 3" : null);
            svg.Text(Left - 6, y[tick] + 4, tick.ToString("0.##", CultureInfo.InvariantCulture), "end", "t small");
        }

        var contacts = row.Periods.ToDictionary(p => p.Period, p => p.Activity.Contacts);
        for (var p = 0; p < periodCount; p++)
        {
            svg.Text(x[p], Bottom + 16, (p + 1).ToString(CultureInfo.InvariantCulture), "middle", "t small");
            svg.Text(x[p], Bottom + 30, Format.Count(contacts.GetValueOrDefault(p)), "middle", "t small muted");
        }

        svg.Text(Left - 6, Bottom + 16, labels.Period, "end", "t small muted");
        svg.Text(Left - 6, Bottom + 30, labels.Contacts, "end", "t small muted");
        if (points.Count == 0)
        {
            svg.Text((Left + Right) / 2, (Top + Bottom) / 2, labels.NoComparison, "middle", "t small muted");
            return svg.Build();
        }

        foreach (var run in Runs.Consecutive(points, p => p.Period))
        {
            var band = run.Where(p => p.Interval.Low is not null).ToList();
            if (band.Count > 0)
            {
                var upper = band.Select(p => (x[p.Period], y[Clamp(p.Interval.High!.Value)]));
                var lower = band.AsEnumerable().Reverse().Select(p => (x[p.Period], y[Clamp(p.Interval.Low!.Value)]));
                var widened = band.Count == 1
                    ? new[] { (x[band[0].Period] - 6, y[Clamp(band[0].Interval.High!.Value)]), (x[band[0].Period] + 6, y[Clamp(band[0].Interval.High!.Value)]),
                        (x[band[0].Period] + 6, y[Clamp(band[0].Interval.Low!.Value)]), (x[band[0].Period] - 6, y[Clamp(band[0].Interval.Low!.Value)]) }
                    : upper.Concat(lower).ToArray();
                svg.Polygon(widened, Palette.Model, 0.18);
            }

            svg.Polyline(run.Select(p => (x[p.Period], y[Clamp(p.Interval.Estimate!.Value)])), Palette.Model, 2.2);
        }

        foreach (var (period, interval) in points)
        {
            svg.Circle(x[period], y[Clamp(interval.Estimate!.Value)], 3.5, Palette.Model,
                $"{labels.Period} {period + 1}: {Format.Points(interval.Estimate)} ({Format.Points(interval.Low)} … {Format.Points(interval.High)})");
        }

        return svg.Build();
    }

    /// <summary>Percentage points, clipped to [-100, 100] as the report's uplift chart does.</summary>
    private static double Clamp(double difference) => Math.Clamp(difference * 100, -100, 100);
}
