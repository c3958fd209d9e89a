using Decisioning.Reporting.Board;
using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Html;
using Decisioning.Reporting.Rendering.Svg;
using HtmlText = Decisioning.Reporting.Rendering.Html.Html;

namespace Decisioning.Reporting.Rendering.Board;

/// <summary>
/// The funnel per strategy as one stacked bar each, as long as the strategy was evaluated: the
/// selected part first, then each rejection reason in gate order. Every segment carries its
/// strategy, reason and count as data attributes.
/// </summary>
internal static class FunnelChart
{
    private const double Width = 940, Left = 200, Right = 830, RowHeight = 30, Top = 12;

    public static string Render(IReadOnlyList<FunnelRow> funnel, Labels labels)
    {
        var height = Top + (Math.Max(1, funnel.Count) * RowHeight) + 14;
        var svg = new SvgBuilder("funnel", Width, height, labels.Funnel);
        svg.Rect(0, 0, Width, height, Palette.Background);
        var most = Math.Max(1, funnel.Select(f => f.Evaluated).DefaultIfEmpty(0).Max());
        for (var i = 0; i < funnel.Count; i++)
        {
            var row = funnel[i];
            var y = Top + (i * RowHeight);
            svg.Group(row.Strategy);
            svg.Text(Left - 10, y + 18, Clip(row.Strategy), "end");
            var x = Left;
            var segments = new[] { (Reason: GateOrder.Selected, Count: row.Selected) }
                .Concat(row.Rejected.Select(r => (r.Reason, r.Count)));
            foreach (var (reason, count) in segments)
            {
                var width = (Right - Left) * count / most;
                var colour = reason == GateOrder.Selected ? ReasonPalette.Selected : ReasonPalette.Of(reason);
                svg.Rect(x, y + 4, width, RowHeight - 10, colour, $"{row.Strategy} · {labels.Reason(reason)}: {Format.Count(count)}",
                    $"{SvgBuilder.Data("strategy", row.Strategy)} {SvgBuilder.Data("reason", reason)} {SvgBuilder.Data("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
                x += width;
            }

            svg.Text(x + 8, y + 18, $"{Format.Count(row.Selected)} / {Format.Count(row.Evaluated)}", "start", "t small");
            svg.EndGroup();
        }

        return svg.Build();
    }

    /// <summary>The legend: every reason that occurs, in gate order, with its colour.</summary>
    public static string Legend(IReadOnlyList<FunnelRow> funnel, Labels labels)
    {
        var reasons = funnel.SelectMany(f => f.Rejected.Select(r => r.Reason)).Distinct(StringComparer.Ordinal)
            .Select(r => new KeyValuePair<string, long>(r, 0));
        var items = new[] { (GateOrder.Selected, ReasonPalette.Selected) }
            .Concat(GateOrder.Sort(reasons).Select(r => (r.Key, ReasonPalette.Of(r.Key))));
        return "<p class=\"legend\">" + string.Concat(items.Select(i =>
            $"<span><span class=\"swatch\" style=\"background:{i.Item2}\"></span>{HtmlText.Encode(labels.Reason(i.Item1))}</span>")) + "</p>";
    }

    private static string Clip(string id) => id.Length > 26 ? id[..25] + "…" : id;
}
