using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Html;
using HtmlText = Decisioning.Reporting.Rendering.Html.Html;

namespace Decisioning.Reporting.Rendering.Board;

/// <summary>The board's sections other than the strategy table: each a titled card.</summary>
internal static class BoardSections
{
    public static string Header(Dashboard board, Labels labels)
    {
        var meta = string.Format(System.Globalization.CultureInfo.InvariantCulture, labels.Meta,
            board.Period, Format.Date(board.From), board.Window);
        var mismatched = board.Periods.Where(p => p.Srm.Mismatch).Select(p => (p.Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var srm = board.Totals.Srm.Mismatch || mismatched.Count > 0
            ? $"""<section class="banner" role="alert" id="srm-banner"><strong>{HtmlText.Encode(labels.SrmWarning)}</strong><p>{HtmlText.Encode(labels.Control)}: {Format.Percent(board.Totals.Srm.ObservedControlShare)} / {Format.Percent(board.Totals.Srm.ExpectedControlShare, 1)} ({Format.PValue(board.Totals.Srm.PValue)}){(mismatched.Count > 0 ? $"; {HtmlText.Encode(labels.Period)} {string.Join(", ", mismatched)}" : string.Empty)}</p></section>"""
            : string.Empty;
        var experiment = board.Totals.Experiment is null ? string.Empty : $" · <b>{HtmlText.Encode(board.Totals.Experiment)}</b>";
        return $"""
            <header>
            <h1>{HtmlText.Encode(labels.Title)}</h1>
            <p class="meta">{HtmlText.Encode(meta)}{experiment} · {Format.Count(board.Counts.Decisions)} {HtmlText.Encode(labels.Decisions)} · {Format.Count(board.Counts.Customers)} {HtmlText.Encode(labels.Customers)}</p>
            <p><input type="search" id="filter" placeholder="{HtmlText.Encode(labels.Filter)}" aria-label="{HtmlText.Encode(labels.Filter)}"></p>
            </header>
            {srm}
            """;
    }

    public static string Trends(Dashboard board, Labels labels)
    {
        var charts = string.Concat(board.Strategies.Select(s =>
            $"<div class=\"trend\" data-strategy=\"{HtmlText.Encode(s.Strategy)}\">{TrendChart.Render(s, board.Periods.Count, labels)}</div>"));
        return $"""
            <section id="trends"><h2>{HtmlText.Encode(labels.Trend)}</h2>
            <p class="note">{HtmlText.Encode(labels.TrendNote)}</p>
            <div class="grid">{charts}</div>
            {PeriodTable(board, labels)}
            </section>
            """;
    }

    /// <summary>The numbers behind the trend charts: every strategy in every period.</summary>
    private static string PeriodTable(Dashboard board, Labels labels)
    {
        var rows = string.Concat(board.Strategies.SelectMany(s => s.Periods.Select(p =>
        {
            var a = p.Activity;
            var c = p.Comparison;
            return $"<tr data-strategy=\"{HtmlText.Encode(s.Strategy)}\" data-period=\"{p.Period}\"><th scope=\"row\">{HtmlText.Encode(s.Strategy)}</th>"
                + $"<td>{p.Period + 1}</td><td>{Format.Count(a.Customers)}</td><td>{Format.Count(a.Contacts)}</td>"
                + $"<td>{Format.Count(a.Responses.Responded)}</td><td>{Format.Count(a.Responses.Declined)}</td><td>{Format.Count(a.Responses.Converted)}</td>"
                + $"<td>{Format.Number(a.Value)}</td>"
                + $"<td>{(c is null ? "–" : $"{Format.Count(c.Model.Customers)} / {Format.Count(c.Control.Customers)}")}</td>"
                + $"<td>{Format.Points(c?.Conversion.Absolute.Estimate)}</td><td>{(c is null ? "–" : Format.PValue(c.Conversion.PValue))}</td></tr>";
        })));
        var periods = string.Concat(board.Periods.Select(p =>
            $"<tr data-period=\"{p.Index}\"><th scope=\"row\">{p.Index + 1}</th><td>{Format.Date(p.From)}</td><td>{Format.Count(p.Decisions)}</td><td>{Format.Count(p.Customers)}</td>"
            + $"<td>{Format.Count(p.Comparison.Model.Customers)} / {Format.Count(p.Comparison.Control.Customers)}</td>"
            + $"<td>{Format.Points(p.Comparison.Conversion.Absolute.Estimate)}</td><td>{Format.PValue(p.Comparison.Conversion.PValue)}</td>"
            + $"<td>{(p.Srm.Mismatch ? "SRM" : string.Empty)}</td></tr>"));
        var l = labels;
        return $"""
            <details open><summary>{HtmlText.Encode(l.Period)}</summary>
            <div class="scroll"><table id="periods-table">{HtmlText.Head(HtmlText.Encode(l.Period), "from", HtmlText.Encode(l.Decisions), HtmlText.Encode(l.Customers), $"{HtmlText.Encode(l.Model)} / {HtmlText.Encode(l.Control)}", HtmlText.Encode(l.Uplift), "p", "SRM")}
            <tbody>{periods}</tbody></table></div>
            <div class="scroll"><table id="strategy-periods-table">{HtmlText.Head(HtmlText.Encode(l.Strategy), HtmlText.Encode(l.Period), HtmlText.Encode(l.Reach), HtmlText.Encode(l.Contacts), HtmlText.Encode(l.Responded), HtmlText.Encode(l.Declined), HtmlText.Encode(l.Converted), HtmlText.Encode(l.Value), $"{HtmlText.Encode(l.Model)} / {HtmlText.Encode(l.Control)}", HtmlText.Encode(l.Uplift), "p")}
            <tbody>{rows}</tbody></table></div>
            </details>
            """;
    }

    public static string Funnel(Dashboard board, Labels labels) => $"""
        <section id="funnel"><h2>{HtmlText.Encode(labels.Funnel)}</h2>
        <p class="note">{HtmlText.Encode(labels.FunnelNote)}</p>
        {FunnelChart.Legend(board.Funnel, labels)}
        {FunnelChart.Render(board.Funnel, labels)}
        </section>
        """;

    public static string NoAction(Dashboard board, Labels labels)
    {
        var bars = board.NoAction.Select(r => (r.Reason, labels.Reason(r.Reason), r.Count, ReasonPalette.Of(r.Reason))).ToList();
        return $"""
            <section id="no-action"><h2>{HtmlText.Encode(labels.NoAction)}</h2>
            <p class="note">{HtmlText.Encode(labels.NoActionNote)}</p>
            {BarList.Render("no-action", labels.NoAction, bars)}
            </section>
            """;
    }

    public static string Waves(Dashboard board, Labels labels)
    {
        var waves = board.Strategies.SelectMany(s => s.Total.Waves).GroupBy(w => w.Wave).OrderBy(g => g.Key)
            .Select(g => new WaveResponses(g.Key, g.Sum(w => w.Actions), new ResponseCounts(
                g.Sum(w => w.Responses.Responded), g.Sum(w => w.Responses.Declined), g.Sum(w => w.Responses.Converted))))
            .ToList();
        var rows = string.Concat(board.Strategies.SelectMany(s => s.Total.Waves.Select(w =>
            $"<tr data-strategy=\"{HtmlText.Encode(s.Strategy)}\"><th scope=\"row\">{HtmlText.Encode(s.Strategy)}</th><td>{w.Wave}</td><td>{Format.Count(w.Actions)}</td>"
            + $"<td>{Format.Count(w.Responses.Responded)}</td><td>{Format.Count(w.Responses.Declined)}</td><td>{Format.Count(w.Responses.Converted)}</td>"
            + $"<td>{Format.Percent(w.Actions > 0 ? (double)(w.Responses.Responded + w.Responses.Declined + w.Responses.Converted) / w.Actions : null)}</td></tr>")));
        var l = labels;
        return $"""
            <section id="waves"><h2>{HtmlText.Encode(l.Waves)}</h2>
            {WaveChart.Render(waves, l)}
            <div class="scroll"><table id="waves-table">{HtmlText.Head(HtmlText.Encode(l.Strategy), HtmlText.Encode(l.Wave), HtmlText.Encode(l.Actions), HtmlText.Encode(l.Responded), HtmlText.Encode(l.Declined), HtmlText.Encode(l.Converted), HtmlText.Encode(l.ResponseRate))}
            <tbody>{rows}</tbody></table></div>
            </section>
            """;
    }

    public static string Shadow(Dashboard board, Labels labels)
    {
        if (board.Shadow is not { } shadow)
        {
            return $"""<section id="shadow"><h2>{HtmlText.Encode(labels.Shadow)}</h2><p class="note" id="no-shadow">{HtmlText.Encode(labels.NoShadow)}</p></section>""";
        }

        var rows = string.Concat(shadow.Changes.Select(c =>
            $"<tr><td>{HtmlText.Encode(c.From ?? labels.None)}</td><td>{HtmlText.Encode(c.To ?? labels.None)}</td><td>{Format.Count(c.Count)}</td></tr>"));
        var map = string.Join(" ", new[] { shadow.Map, shadow.Version, shadow.MapHash }.Where(t => t is not null).Select(t => HtmlText.Encode(t)));
        return $"""
            <section id="shadow"><h2>{HtmlText.Encode(labels.Shadow)}</h2>
            <p class="note">{HtmlText.Encode(labels.ShadowNote)} <code>{map}</code></p>
            <p class="big"><span id="shadow-changed-share">{Format.Percent(shadow.ChangedShare, 1)}</span> {HtmlText.Encode(labels.Changed)}
            ({Format.Count(shadow.Changed)} / {Format.Count(shadow.Decisions)})</p>
            <table id="shadow-table">{HtmlText.Head(HtmlText.Encode(labels.From), HtmlText.Encode(labels.To), HtmlText.Encode(labels.Decisions))}<tbody>{rows}</tbody></table>
            </section>
            """;
    }

    public static string Channels(Dashboard board, Labels labels)
    {
        var rows = string.Concat(board.Channels.Select(c =>
            $"<tr><th scope=\"row\">{HtmlText.Encode(c.Channel)}</th><td>{Format.Count(c.Contacts)}</td><td>{(c.PerDay is { } d ? Format.Count(d) : Format.NotAvailable)}</td>"
            + $"<td>{(c.Capacity is { } cap ? Format.Count(cap) : Format.NotAvailable)}</td><td>{Format.Percent(c.Used, 1)}</td></tr>"));
        var maps = string.Concat(board.Maps.Select(m =>
            $"<tr><th scope=\"row\">{HtmlText.Encode(m.Map)}</th><td>{HtmlText.Encode(m.Version)}</td><td><code>{HtmlText.Encode(m.MapHash)}</code></td><td>{Format.Count(m.Decisions)}</td></tr>"));
        var l = labels;
        var counts = board.Counts;
        return $"""
            <section id="channels"><h2>{HtmlText.Encode(l.Channels)}</h2>
            <div class="scroll"><table id="channels-table">{HtmlText.Head(HtmlText.Encode(l.ByChannel), HtmlText.Encode(l.Contacts), HtmlText.Encode(l.PerDay), HtmlText.Encode(l.Capacity), HtmlText.Encode(l.Used))}<tbody>{rows}</tbody></table></div>
            </section>
            <section id="data"><h2>{HtmlText.Encode(l.Data)}</h2>
            <table id="counts"><tbody>
            {HtmlText.Row(HtmlText.Encode(l.Decisions), Format.Count(counts.Decisions))}{HtmlText.Row(HtmlText.Encode(l.Customers), Format.Count(counts.Customers))}
            {HtmlText.Row(HtmlText.Encode(l.Actions), Format.Count(counts.Actions))}{HtmlText.Row(HtmlText.Encode(l.ErrorRecords), Format.Count(counts.ErrorRecords))}
            {HtmlText.Row(HtmlText.Encode(l.Outcomes), Format.Count(counts.Outcomes))}{HtmlText.Row(HtmlText.Encode(l.Attributed), Format.Count(counts.AttributedOutcomes))}
            {HtmlText.Row(HtmlText.Encode(l.BadLines), Format.Count(counts.BadDecisionLines + counts.BadOutcomeLines))}
            </tbody></table>
            <h3>{HtmlText.Encode(l.Maps)}</h3>
            <div class="scroll"><table id="maps-table"><tbody>{maps}</tbody></table></div>
            </section>
            """;
    }
}
