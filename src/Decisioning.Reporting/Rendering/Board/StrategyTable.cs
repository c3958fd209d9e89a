using System.Globalization;
using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Html;
using HtmlText = Decisioning.Reporting.Rendering.Html.Html;

namespace Decisioning.Reporting.Rendering.Board;

/// <summary>
/// The strategy table: one row per strategy over all periods, sortable by any column (each cell
/// carries its number in <c>data-sort</c>) and filtered by the page's search box.
/// </summary>
internal static class StrategyTable
{
    public static string Render(Dashboard board, Labels labels)
    {
        var capacity = board.Channels.Where(c => c.Capacity > 0).ToDictionary(c => c.Channel, c => c.Capacity!.Value, StringComparer.Ordinal);
        var head = new[]
        {
            labels.Strategy, labels.Reach, labels.Contacts, labels.ByWave, labels.ByChannel, labels.Responded,
            labels.Declined, labels.Converted, labels.Value, labels.Uplift, labels.Significance, labels.Capacity,
        };
        var headCells = string.Concat(head.Select((h, i) =>
            $"<th scope=\"col\" data-column=\"{i}\" title=\"sort\">{HtmlText.Encode(h)}</th>"));
        var rows = string.Concat(board.Strategies.Select(s => Row(s, capacity, labels)));
        return $"""
            <section id="strategy-table"><h2>{HtmlText.Encode(labels.StrategyTable)}</h2>
            <div class="scroll"><table class="sortable" id="strategies-table">
            <thead><tr>{headCells}</tr></thead>
            <tbody>{rows}</tbody></table></div>
            </section>
            """;
    }

    private static string Row(StrategyBoardRow row, Dictionary<string, long> capacity, Labels labels)
    {
        var a = row.Total;
        var conversion = row.Comparison?.Conversion;
        var uplift = conversion?.Absolute;
        var upliftText = uplift?.Estimate is null
            ? Format.NotAvailable
            : $"{Format.Points(uplift.Estimate)}<br><span class=\"ci\">{Format.Points(uplift.Low)} … {Format.Points(uplift.High)}</span>";
        var p = conversion?.PValueAdjusted ?? conversion?.PValue;
        var significance = p is null
            ? Format.NotAvailable
            : $"{Format.PValue(p)}<br><span class=\"{(p < 0.05 ? "sig" : "ns")}\">{HtmlText.Encode(p < 0.05 ? labels.Significant : labels.NotSignificant)}</span>";
        var waves = string.Join(" · ", a.Waves.Select(w => $"{w.Wave}: {Format.Count(w.Actions)}"));
        var channels = string.Join(" · ", a.ByWaveAndChannel.GroupBy(c => c.Channel)
            .Select(g => $"{HtmlText.Encode(g.Key)} {Format.Count(g.Sum(c => c.Actions))}"));
        var used = a.ByWaveAndChannel.GroupBy(c => c.Channel).Where(g => capacity.ContainsKey(g.Key))
            .Select(g => (g.Key, Share: (double)g.Sum(c => c.Actions) / capacity[g.Key])).ToList();
        var usedText = used.Count == 0 ? Format.NotAvailable : string.Join("<br>", used.Select(u => $"{HtmlText.Encode(u.Key)} {Format.Percent(u.Share, 1)}"));
        return $"<tr data-strategy=\"{HtmlText.Encode(row.Strategy)}\">"
            + $"<th scope=\"row\" data-sort=\"{HtmlText.Encode(row.Strategy)}\">{HtmlText.Encode(row.Strategy)}</th>"
            + Cell(a.Customers, Format.Count(a.Customers), "reach")
            + Cell(a.Contacts, Format.Count(a.Contacts), "contacts")
            + Cell(a.Waves.Count, waves.Length == 0 ? "–" : waves, "waves")
            + Cell(a.ByWaveAndChannel.Select(c => c.Channel).Distinct().Count(), channels.Length == 0 ? "–" : channels, "channels")
            + Cell(a.Responses.Responded, Format.Count(a.Responses.Responded), "responded")
            + Cell(a.Responses.Declined, Format.Count(a.Responses.Declined), "declined")
            + Cell(a.Responses.Converted, Format.Count(a.Responses.Converted), "converted")
            + Cell(a.Value, Format.Number(a.Value), "value")
            + Cell(uplift?.Estimate, upliftText, "uplift")
            + Cell(p, significance, "p")
            + Cell(used.Count == 0 ? null : used.Max(u => u.Share), usedText, "capacity")
            + "</tr>";
    }

    private static string Cell(double? sort, string html, string name) =>
        $"<td data-name=\"{name}\" data-sort=\"{(sort is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty)}\">{html}</td>";
}
