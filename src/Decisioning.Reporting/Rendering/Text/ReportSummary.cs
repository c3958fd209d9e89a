using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Html;

namespace Decisioning.Reporting.Rendering.Text;

/// <summary>A few plain lines for a terminal: what was read, the headline, and any warning.</summary>
public static class ReportSummary
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
    }
}
