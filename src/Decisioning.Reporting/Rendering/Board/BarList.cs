using System.Globalization;
using Decisioning.Reporting.Rendering.Html;
using Decisioning.Reporting.Rendering.Svg;

namespace Decisioning.Reporting.Rendering.Board;

/// <summary>Labelled horizontal bars, one a row, each with its count: the no-action reasons.</summary>
internal static class BarList
{
    private const double Width = 940, Left = 260, Right = 820, RowHeight = 28, Top = 10;

    public static string Render(string chart, string label, IReadOnlyList<(string Key, string Name, long Count, string Colour)> bars)
    {
        var height = Top + (Math.Max(1, bars.Count) * RowHeight) + 10;
        var svg = new SvgBuilder(chart, Width, height, label);
        svg.Rect(0, 0, Width, height, Palette.Background);
        var most = Math.Max(1, bars.Select(b => b.Count).DefaultIfEmpty(0).Max());
        var total = Math.Max(1, bars.Sum(b => b.Count));
        for (var i = 0; i < bars.Count; i++)
        {
            var (key, name, count, colour) = bars[i];
            var y = Top + (i * RowHeight);
            var width = (Right - Left) * count / most;
            svg.Text(Left - 10, y + 17, name, "end");
            svg.Rect(Left, y + 4, width, RowHeight - 9, colour, $"{name}: {Format.Count(count)}",
                $"{SvgBuilder.Data("key", key)} {SvgBuilder.Data("count", count.ToString(CultureInfo.InvariantCulture))}");
            svg.Text(Left + width + 8, y + 17, $"{Format.Count(count)} ({Format.Percent((double)count / total, 1)})", "start", "t small");
        }

        return svg.Build();
    }
}
