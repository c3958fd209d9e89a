using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Html;
using HtmlText = Decisioning.Reporting.Rendering.Html.Html;

namespace Decisioning.Reporting.Rendering.Maturity;

/// <summary>
/// The maturity section of both pages: a chart of each instance's evidence and one of its AUC over
/// the steps, then the numbers behind them. Empty (no section at all) without adaptive models.
/// </summary>
internal static class MaturitySection
{
    /// <summary>The board's: steps are the periods, numbered from 1.</summary>
    public static string ByPeriod(IReadOnlyList<ModelMaturity> models, int periodCount, MaturityLabels labels) =>
        models.Count == 0
            ? string.Empty
            : Render(models, [.. Enumerable.Range(1, periodCount).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                step => step.Period ?? 0, labels, labels.Period, string.Empty);

    /// <summary>The report's: steps are the state versions in the order of their first decision, named v1, v2, ...</summary>
    public static string ByVersion(IReadOnlyList<ModelMaturity> models, MaturityLabels labels)
    {
        if (models.Count == 0)
        {
            return string.Empty;
        }

        var versions = models.SelectMany(m => m.Steps)
            .GroupBy(s => s.Version ?? string.Empty, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Source: g.First().Source, From: g.Min(s => s.From)))
            .OrderBy(v => v.From).ThenBy(v => v.Key, StringComparer.Ordinal)
            .ToList();
        var index = versions.Select((v, i) => (v.Key, i)).ToDictionary(v => v.Key, v => v.i, StringComparer.Ordinal);
        var legend = string.Concat(versions.Select((v, i) =>
            $"<tr><th scope=\"row\">v{i + 1}</th><td><code>{HtmlText.Encode(v.Key.Length == 0 ? Format.NotAvailable : v.Key)}</code></td><td>{HtmlText.Encode(v.Source)}</td><td>{Format.Date(v.From)}</td></tr>"));
        var table = $"""<div class="scroll"><table id="maturity-versions">{HtmlText.Head(HtmlText.Encode(labels.Version), "hash", "source", HtmlText.Encode(labels.FirstDecision))}<tbody>{legend}</tbody></table></div>""";
        return Render(models, [.. versions.Select((_, i) => $"v{i + 1}")], step => index[step.Version ?? string.Empty], labels, labels.Version, table);
    }

    private static string Render(IReadOnlyList<ModelMaturity> models, IReadOnlyList<string> steps, Func<MaturityStep, int> stepOf, MaturityLabels labels, string stepName, string extra)
    {
        var evidence = Series(models, stepOf, s => s.Evidence);
        var auc = Series(models, stepOf, s => s.Auc);
        var rows = string.Concat(models.SelectMany(m => m.Steps.Select(step => Row(m, steps[stepOf(step)], step.Stats)).Append(Row(m, labels.All, m.Total))));
        var l = labels;
        return $"""
            <section id="maturity"><style>{Css}</style><h2>{HtmlText.Encode(l.Title)}</h2>
            <p class="note">{HtmlText.Encode(l.Note)}</p>
            {MaturityChart.Legend(evidence)}
            <div class="cols">
            {MaturityChart.Render("maturity-evidence", l.EvidenceChart, steps, evidence, fromZero: true, MaturityChart.Count)}
            {MaturityChart.Render("maturity-auc", l.AucChart, steps, auc, fromZero: false, MaturityChart.Ratio)}
            </div>
            {extra}
            <div class="scroll"><table id="maturity-table">{HtmlText.Head(HtmlText.Encode(l.Model), HtmlText.Encode(l.Strategy), HtmlText.Encode(stepName), HtmlText.Encode(l.Decisions), HtmlText.Encode(l.Evidence), HtmlText.Encode(l.Contacts), HtmlText.Encode(l.Positives), HtmlText.Encode(l.Negatives), HtmlText.Encode(l.MeanPropensity), HtmlText.Encode(l.Auc), HtmlText.Encode(l.Bins))}
            <tbody>{rows}</tbody></table></div>
            </section>
            """;
    }

    // Here, not in the page's stylesheet: a page without adaptive models stays exactly as it was.
    private const string Css = "#maturity table { font-size: 12.5px; margin-bottom: 12px; } #maturity th, #maturity td { padding: 4px 6px; }";

    private static List<MaturitySeries> Series(IReadOnlyList<ModelMaturity> models, Func<MaturityStep, int> stepOf, Func<MaturityStats, double?> value) =>
        models.Select((m, i) => new MaturitySeries(
            $"{m.Model} · {m.Strategy}",
            m.Strategy,
            m.Steps.Where(s => value(s.Stats) is not null).Select(s => (stepOf(s), value(s.Stats)!.Value)).OrderBy(p => p.Item1).ToList(),
            MaturityChart.Colours[i % MaturityChart.Colours.Length])).ToList();

    private static string Row(ModelMaturity model, string step, MaturityStats s) =>
        $"<tr data-strategy=\"{HtmlText.Encode(model.Strategy)}\"><th scope=\"row\">{HtmlText.Encode(model.Model)}</th><td>{HtmlText.Encode(model.Strategy)}</td><td>{HtmlText.Encode(step)}</td>"
        + $"<td>{Format.Count(s.Decisions)}</td><td>{Format.Count(s.Evidence)}</td><td>{Format.Count(s.Contacts)}</td><td>{Format.Count(s.Positives)}</td><td>{Format.Count(s.Negatives)}</td>"
        + $"<td>{Format.Number(s.MeanPropensity, 4)}</td><td>{Format.Number(s.Auc, 3)} ({Format.Count(s.AucContacts)})</td>"
        + $"<td>{(s.Learned is { } learned ? $"{Format.Count(learned.MatureBins)} / {Format.Count(learned.Bins)}" : Format.NotAvailable)}</td></tr>";
}
