using System.Text;
using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Maturity;

namespace Decisioning.Reporting.Rendering.Html;

/// <summary>
/// report.html: one self-contained UTF-8 page, its charts inline SVG, no script and no URL, so
/// it opens with no network and can be mailed as it is.
/// </summary>
internal static class HtmlReportWriter
{
    public static string Render(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var title = report.Experiment is null ? "Post-evaluation" : $"Post-evaluation · {report.Experiment}";
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Html.Encode(title)}</title>
            <style>
            {PageStyle.Css}
            </style>
            </head>
            <body>
            <main>
            {HeaderSection.Render(report)}
            {GroupsSection.Render(report.Overall)}
            {StrategiesSection.Render(report.Strategies)}
            {CumulativeSection.Render(report)}{MaturitySection.ByVersion(report.Adaptive, MaturityLabels.English)}
            {QualitySection.Render(report.Counts)}
            <footer>Conversion: 95% Wald interval of the difference, delta-method interval of the relative uplift, pooled
            two-proportion z-test. Value: Welch's t-test. Group split: chi-square test, flagged below p = 0.001.
            Formulas and sources: docs/statistics.md of the Decisioning repository.</footer>
            </main>
            </body>
            </html>

            """;
    }

    public static void Write(Report report, Stream stream)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Render(report));
        stream.Write(bytes);
    }
}
