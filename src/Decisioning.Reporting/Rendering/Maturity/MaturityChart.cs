using System.Globalization;
using Decisioning.Reporting.Rendering.Svg;

namespace Decisioning.Reporting.Rendering.Maturity;

/// <summary>One series of a maturity chart: a model instance, its points by step, and its colour.</summary>
internal sealed record MaturitySeries(string Name, string Strategy, IReadOnlyList<(int Step, double Value)> Points, string Colour);

/// <summary>
/// A line per model instance over the steps (periods or state versions): consecutive steps are
/// joined, a step without a value breaks the line. Each point has a tooltip with its value.
/// </summary>
internal static class MaturityChart
{
    private const double Width = 460, Height = 230, Left = 60, Right = 445, Top = 28, Bottom = 186;

    /// <summary>
    /// The line colours, one per instance in order (repeating after eight).
    /// </summary>
    public static readonly string[] Colours = ["#2563eb", "#f59e0b", "#16a34a", "#dc2626", "#7c3aed", "#0891b2", "#db2777", "#4b5563"];

    public static string Render(string chart, string title, IReadOnlyList<string> steps, IReadOnlyList<MaturitySeries> series, bool fromZero, Func<double, string> format)
    {
        var svg = new SvgBuilder(chart, Width, Height, title);
        svg.Rect(0, 0, Width, Height, Palette.Background);
        svg.Text(Left, 16, title, "start", "t");
        var x = new LinearScale(-0.5, Math.Max(1, steps.Count) - 0.5, Left, Right);
        var y = LinearScale.Covering(series.SelectMany(s => s.Points.Select(p => p.Value)), Bottom, Top, includeZero: fromZero);
        foreach (var tick in y.Ticks())
        {
            svg.Line(Left, y[tick], Right, y[tick], Palette.Grid);
            svg.Text(Left - 6, y[tick] + 4, format(tick), "end", "t small");
        }

        // At most about ten labels under the axis, so that long runs stay legible.
        var every = Math.Max(1, (int)Math.Ceiling(steps.Count / 10.0));
        for (var s = 0; s < steps.Count; s += every)
        {
            svg.Text(x[s], Bottom + 16, steps[s], "middle", "t small");
        }

        foreach (var line in series)
        {
            svg.Group(line.Strategy);
            foreach (var run in Runs.Consecutive(line.Points, p => p.Step))
            {
                svg.Polyline(run.Select(p => (x[p.Step], y[p.Value])), line.Colour, 2);
            }

            foreach (var (step, value) in line.Points)
            {
                svg.Circle(x[step], y[value], 3.2, line.Colour, $"{line.Name} · {steps[step]}: {format(value)}");
            }

            svg.EndGroup();
        }

        return svg.Build();
    }

    /// <summary>The legend: a swatch and the instance's name per series.</summary>
    public static string Legend(IReadOnlyList<MaturitySeries> series) =>
        "<p class=\"legend\">" + string.Concat(series.Select(s =>
            $"<span data-strategy=\"{Html.Html.Encode(s.Strategy)}\"><i class=\"swatch\" style=\"background:{s.Colour}\"></i>{Html.Html.Encode(s.Name)}</span>")) + "</p>";

    public static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
