using System.Globalization;
using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Html;
using Decisioning.Reporting.Rendering.Svg;

namespace Decisioning.Reporting.Rendering.Board;

/// <summary>
/// Wave by wave, over all strategies: the share of each wave's actions that drew a response, a
/// decline or a conversion, as stacked bars, with the number of actions under each.
/// </summary>
internal static class WaveChart
{
    private const double Width = 940, Height = 300, Left = 60, Right = 920, Top = 34, Bottom = 244;

    public static string Render(IReadOnlyList<WaveResponses> waves, Labels labels)
    {
        var svg = new SvgBuilder("waves", Width, Height, labels.Waves);
        svg.Rect(0, 0, Width, Height, Palette.Background);
        var kinds = new (string Name, string Colour, Func<ResponseCounts, long> Count)[]
        {
            (labels.Converted, Palette.Better, r => r.Converted),
            (labels.Responded, Palette.Model, r => r.Responded),
            (labels.Declined, Palette.Worse, r => r.Declined),
        };
        var rates = waves.Select(w => w.Actions > 0 ? 100.0 * kinds.Sum(k => k.Count(w.Responses)) / w.Actions : 0);
        var y = LinearScale.Covering(rates, Bottom, Top, includeZero: true);
        foreach (var tick in y.Ticks())
        {
            svg.Line(Left, y[tick], Right, y[tick], Palette.Grid);
            svg.Text(Left - 8, y[tick] + 4, tick.ToString("0.##", CultureInfo.InvariantCulture) + "%", "end", "t small");
        }

        var slot = (Right - Left) / Math.Max(1, waves.Count);
        for (var i = 0; i < waves.Count; i++)
        {
            var wave = waves[i];
            var x = Left + (i * slot) + (slot * 0.25);
            var width = slot * 0.5;
            var bottom = Bottom;
            foreach (var (name, colour, count) in kinds)
            {
                var rate = wave.Actions > 0 ? 100.0 * count(wave.Responses) / wave.Actions : 0;
                // Invariant: the scale starts at 0 (rates are not negative), so y[rate] is a bar's top from the axis.
                var h = Bottom - y[rate];
                svg.Rect(x, bottom - h, width, h, colour, $"{labels.Wave} {wave.Wave} · {name}: {Format.Count(count(wave.Responses))}",
                    $"{SvgBuilder.Data("wave", wave.Wave.ToString(CultureInfo.InvariantCulture))} {SvgBuilder.Data("count", count(wave.Responses).ToString(CultureInfo.InvariantCulture))}");
                bottom -= h;
            }

            svg.Text(x + (width / 2), Bottom + 18, $"{labels.Wave} {wave.Wave}", "middle");
            svg.Text(x + (width / 2), Bottom + 34, $"{Format.Count(wave.Actions)} {labels.Actions}", "middle", "t small muted");
        }

        svg.Line(Left, Bottom, Right, Bottom, Palette.Axis);
        var legendX = Left;
        foreach (var (name, colour, _) in kinds)
        {
            svg.Rect(legendX, 10, 12, 12, colour).Text(legendX + 18, 20, name, "start", "t small");
            legendX += 130;
        }

        return svg.Build();
    }
}
