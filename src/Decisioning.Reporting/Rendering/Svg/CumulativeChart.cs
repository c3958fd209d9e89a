using System.Globalization;
using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Rendering.Svg;

/// <summary>Cumulative conversion of both groups by days since decision, as step lines.</summary>
internal static class CumulativeChart
{
    private const double Width = 900, Height = 320, Left = 60, Right = 880, Top = 36, Bottom = 270;

    public static string Render(IReadOnlyList<CumulativePoint> points)
    {
        var svg = new SvgBuilder("cumulative", Width, Height, "Cumulative conversion by days since decision");
        svg.Rect(0, 0, Width, Height, Palette.Background);
        var lastDay = points.Count > 0 ? points[^1].Days : 1;
        var x = new LinearScale(0, lastDay > 0 ? lastDay : 1, Left, Right);
        var rates = points.SelectMany(p => new[] { p.Model ?? 0, p.Control ?? 0 }).Select(v => v * 100);
        var y = LinearScale.Covering(rates, Bottom, Top, includeZero: true);
        foreach (var tick in y.Ticks())
        {
            svg.Line(Left, y[tick], Right, y[tick], Palette.Grid);
            svg.Text(Left - 8, y[tick] + 4, tick.ToString("0.##", CultureInfo.InvariantCulture) + "%", "end", "t small");
        }

        foreach (var tick in LinearScale.Covering([0, lastDay], Left, Right, includeZero: true).Ticks().Where(t => t <= lastDay + 1e-9))
        {
            svg.Line(x[tick], Bottom, x[tick], Bottom + 5, Palette.Axis);
            svg.Text(x[tick], Bottom + 19, tick.ToString("0.##", CultureInfo.InvariantCulture), "middle", "t small");
        }

        svg.Line(Left, Bottom, Right, Bottom, Palette.Axis);
        svg.Text((Left + Right) / 2, Bottom + 40, "days since decision", "middle", "t small");
        svg.Polyline(Steps(points, p => p.Model, x, y), Palette.Model, 2.5);
        svg.Polyline(Steps(points, p => p.Control, x, y), Palette.Control, 2.5);
        svg.Rect(Left, 10, 12, 12, Palette.Model).Text(Left + 18, 20, "model 模型组", "start", "t small");
        svg.Rect(Left + 130, 10, 12, 12, Palette.Control).Text(Left + 148, 20, "control 非模型组", "start", "t small");
        return svg.Build();
    }

    private static List<(double X, double Y)> Steps(
        IReadOnlyList<CumulativePoint> points, Func<CumulativePoint, double?> rate, LinearScale x, LinearScale y)
    {
        var line = new List<(double X, double Y)>();
        foreach (var point in points)
        {
            var value = y[(rate(point) ?? 0) * 100];
            if (line.Count > 0)
            {
                line.Add((x[point.Days], line[^1].Y));
            }

            line.Add((x[point.Days], value));
        }

        return line;
    }
}
