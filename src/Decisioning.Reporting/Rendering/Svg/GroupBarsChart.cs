using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Html;

namespace Decisioning.Reporting.Rendering.Svg;

/// <summary>Conversion and response rates of the two groups, as side-by-side bars.</summary>
internal static class GroupBarsChart
{
    private const double Width = 440, Height = 280, Left = 52, Right = 430, Top = 34, Bottom = 236;

    public static string Render(Comparison overall)
    {
        var metrics = new[]
        {
            ("conversion 转化率", overall.Model.ConversionRate, overall.Control.ConversionRate),
            ("response 响应率", overall.Model.ResponseRate, overall.Control.ResponseRate),
        };
        var svg = new SvgBuilder("groups", Width, Height, "Conversion and response rate by group");
        svg.Rect(0, 0, Width, Height, Palette.Background);
        var values = metrics.SelectMany(m => new[] { m.Item2 ?? 0, m.Item3 ?? 0 }).Select(v => v * 100);
        var y = LinearScale.Covering(values.Append(0), Bottom, Top, includeZero: true);
        foreach (var tick in y.Ticks())
        {
            svg.Line(Left, y[tick], Right, y[tick], Palette.Grid);
            svg.Text(Left - 6, y[tick] + 4, tick.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%", "end", "t small");
        }

        var slot = (Right - Left) / metrics.Length;
        for (var i = 0; i < metrics.Length; i++)
        {
            var (name, model, control) = metrics[i];
            var x0 = Left + (i * slot) + (slot * 0.15);
            var bar = slot * 0.32;
            Bar(svg, y, x0, bar, model, Palette.Model, "model");
            Bar(svg, y, x0 + bar + (slot * 0.06), bar, control, Palette.Control, "control");
            svg.Text(Left + (i * slot) + (slot / 2), Bottom + 20, name, "middle");
        }

        svg.Rect(Left, 8, 12, 12, Palette.Model).Text(Left + 18, 18, "model 模型组", "start", "t small");
        svg.Rect(Left + 130, 8, 12, 12, Palette.Control).Text(Left + 148, 18, "control 非模型组", "start", "t small");
        return svg.Build();
    }

    private static void Bar(SvgBuilder svg, LinearScale y, double x, double width, double? rate, string colour, string group)
    {
        var top = y[(rate ?? 0) * 100];
        svg.Rect(x, top, width, Bottom - top, colour, $"{group}: {Format.Percent(rate)}");
        svg.Text(x + (width / 2), top - 6, Format.Percent(rate), "middle", "t small");
    }
}
