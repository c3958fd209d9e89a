using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Html;

namespace Decisioning.Reporting.Rendering.Text;

/// <summary>A few plain lines for a terminal: what was read, the headline, and any warning.</summary>
internal static class ReportSummary
{
    public static IEnumerable<string> Lines(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var counts = report.Counts;
        yield return $"experiment {report.Experiment ?? "(none)"}, window {report.Window}: "
            + $"{Format.Count(counts.Customers)} customers (model {Format.Count(report.Overall.Model.Customers)}, "
            + $"control {Format.Count(report.Overall.Control.Customers)}), {Format.Count(counts.Outcomes)} outcomes "
            + $"({Format.Count(counts.IgnoredOutcomes)} ignored), {Format.Count(counts.BadLines)} bad lines";
        if (report.Srm.Mismatch)
        {
            yield return $"WARNING: sample-ratio mismatch: control share {Format.Percent(report.Srm.ObservedControlShare)} "
                + $"where {Format.Percent(report.Srm.ExpectedControlShare, 1)} was configured ({Format.PValue(report.Srm.PValue)}); "
                + "the comparison is not reliable";
        }

        var headline = Headline.For(report);
        yield return headline.Title;
        yield return headline.Detail;
        foreach (var model in report.Adaptive)
        {
            var total = model.Total;
            var first = model.Steps.Count > 0 ? model.Steps[0].Stats.Evidence : 0;
            yield return $"adaptive {model.Model} for {model.Strategy}: evidence {Format.Count(first)} to {Format.Count(total.Evidence)} "
                + $"over {Format.Count(model.Steps.Count)} state version(s); {Format.Count(total.Contacts)} contacts, "
                + $"{Format.Count(total.Positives)} positive, {Format.Count(total.Negatives)} negative; "
                + $"mean propensity {Format.Number(total.MeanPropensity, 4)}, AUC {Format.Number(total.Auc, 3)} on {Format.Count(total.AucContacts)}";
        }
    }
}
