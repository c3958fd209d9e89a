using System.Globalization;
using System.Text;

namespace Decisioning.Samples.AdaptiveLoop;

/// <summary>A small self-contained SVG line chart: weekly conversion of both arms.</summary>
internal static class Chart
{
    public static string Svg(IReadOnlyList<WeekRow> rows)
    {
        const int width = 640, height = 320, left = 60, right = 150, top = 30, bottom = 50;
        var max = Math.Ceiling(rows.Max(r => Math.Max(r.AdaptiveRate, r.ConstantRate)) * 100 / 2) * 2 / 100 + 0.02;
        double X(int week) => left + (week - 1) * (width - left - right) / (double)Math.Max(1, rows.Count - 1);
        double Y(double rate) => top + (1 - rate / max) * (height - top - bottom);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{left}" y="18" font-size="14">Conversion rate per week: adaptive versus constant propensities</text>""").Append('\n');
        for (var tick = 0.0; tick <= max + 1e-9; tick += 0.02)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{left}" x2="{width - right}" y1="{F(Y(tick))}" y2="{F(Y(tick))}" stroke="#ddd"/><text x="{left - 8}" y="{F(Y(tick) + 4)}" text-anchor="end">{tick:P0}</text>""").Append('\n');
        }

        foreach (var r in rows)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{F(X(r.Week))}" y="{height - bottom + 18}" text-anchor="middle">{r.Week}</text>""").Append('\n');
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{F((left + width - right) / 2.0)}" y="{height - 10}" text-anchor="middle">week</text>""").Append('\n');
        Line(svg, rows.Select(r => (X(r.Week), Y(r.AdaptiveRate))), "#1f77b4", "adaptive", width - right + 10, top + 20, F);
        Line(svg, rows.Select(r => (X(r.Week), Y(r.ConstantRate))), "#ff7f0e", "constant", width - right + 10, top + 40, F);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Line(StringBuilder svg, IEnumerable<(double X, double Y)> points, string colour, string label, int lx, int ly, Func<double, string> f)
    {
        var list = points.ToList();
        svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{colour}" stroke-width="2.5" points="{string.Join(" ", list.Select(p => $"{f(p.X)},{f(p.Y)}"))}"/>""").Append('\n');
        foreach (var p in list)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{f(p.X)}" cy="{f(p.Y)}" r="3.5" fill="{colour}"/>""").Append('\n');
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{lx}" x2="{lx + 22}" y1="{ly - 4}" y2="{ly - 4}" stroke="{colour}" stroke-width="2.5"/><text x="{lx + 28}" y="{ly}">{label}</text>""").Append('\n');
    }
}
