using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering;
using Decisioning.Reporting.Tests.Samples;
using Decisioning.Reporting.Tests.Support;
using static Decisioning.Reporting.Tests.Support.DecisionLines;

namespace Decisioning.Reporting.Tests.Browser;

/// <summary>
/// report.html in headless Chromium: no console error, every chart drawn with a size, and a
/// screenshot saved under the test output (bin/.../browser/*.png) for people to look at.
/// </summary>
public class ReportPageBrowserTests
{
    private static readonly string OutputDirectory = Path.Combine(AppContext.BaseDirectory, "browser");

    [ChromiumFact]
    public void ReportPage_SampleWithUplift_DrawsEveryChartWithoutConsoleErrors()
    {
        var verdict = Open("sample", SampleReports.Run(uplift: 0.5, noise: true, customers: 10000));

        Assert.Empty(verdict.Errors);
        Assert.Equal(["groups", "uplift", "cumulative"], verdict.Charts.Select(c => c.Name));
        Assert.All(verdict.Charts, chart =>
        {
            Assert.True(chart.Width > 100 && chart.Height > 100, $"{chart.Name} is {chart.Width}x{chart.Height}");
            Assert.True(chart.BoxWidth > 0 && chart.BoxHeight > 0, $"{chart.Name} drew nothing");
            Assert.True(chart.Shapes > 10, $"{chart.Name} has {chart.Shapes} shapes");
        });
        Assert.True(verdict.CjkWidth > 0, "the Chinese headline has no width");
        Assert.False(verdict.MissingGlyphsDiffer, "two missing glyphs should both be the same box: the glyph check cannot tell");
        Assert.True(verdict.CjkGlyphsDiffer, "Chinese characters render as identical boxes (tofu): no CJK font; install-chromium.sh installs one");
        Assert.Equal(0, verdict.BannerHeight);
    }

    [ChromiumFact]
    public void ReportPage_SampleRatioMismatch_ShowsTheBannerWithoutConsoleErrors()
    {
        var decisions = Enumerable.Range(0, 300).Select(i => Decision($"M{i}", Day0, "model", "s", control: 0.5))
            .Concat(Enumerable.Range(0, 100).Select(i => Decision($"K{i}", Day0, "control", "s", control: 0.5)));

        var verdict = Open("srm", Evaluate.Lines(decisions, ["not json"]));

        Assert.Empty(verdict.Errors);
        Assert.True(verdict.BannerHeight > 0, "the sample-ratio banner is not shown");
        Assert.Equal(3, verdict.Charts.Count);
    }

    [ChromiumFact]
    public void Probe_PageWithAScriptErrorAndAMissingImage_ReportsBothAndAnEmptyChart()
    {
        // The check itself is checked: a broken page must not pass.
        const string broken = """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
            <img src="missing.png"><script>notDefinedAnywhere();</script>
            <svg data-chart="empty" width="200" height="100"></svg></body></html>
            """;

        var verdict = BrowserRun.Probe(BrowserRun.Chromium(), Path.Combine(OutputDirectory, "broken"), broken);

        Assert.Contains(verdict.Errors, e => e.Contains("notDefinedAnywhere", StringComparison.Ordinal));
        Assert.Contains(verdict.Errors, e => e.Contains("missing.png", StringComparison.Ordinal));
        Assert.Equal(0, Assert.Single(verdict.Charts).BoxWidth);
    }

    private static PageVerdict Open(string name, Report report)
    {
        var chromium = BrowserRun.Chromium();
        var directory = Path.Combine(OutputDirectory, name);
        ReportFiles.Write(report, directory);
        var page = Path.Combine(directory, ReportFiles.HtmlName);
        var verdict = BrowserRun.Probe(chromium, directory, File.ReadAllText(page));
        BrowserRun.Screenshot(chromium, page, Path.Combine(directory, name + ".png"), 2000);
        return verdict;
    }
}
