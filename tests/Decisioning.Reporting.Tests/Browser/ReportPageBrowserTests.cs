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

        var verdict = Probe(Chromium(), Path.Combine(OutputDirectory, "broken"), broken);

        Assert.Contains(verdict.Errors, e => e.Contains("notDefinedAnywhere", StringComparison.Ordinal));
        Assert.Contains(verdict.Errors, e => e.Contains("missing.png", StringComparison.Ordinal));
        Assert.Equal(0, Assert.Single(verdict.Charts).BoxWidth);
    }

    private static string Chromium()
    {
        var chromium = ChromiumLocator.Find();
        Assert.True(chromium is not null, $"CI is set but chromium is missing: {ChromiumLocator.InstallHint}.");
        return chromium;
    }

    private static PageVerdict Open(string name, Report report)
    {
        var chromium = Chromium();
        var directory = Path.Combine(OutputDirectory, name);
        ReportFiles.Write(report, directory);
        var page = Path.Combine(directory, ReportFiles.HtmlName);
        var verdict = Probe(chromium, directory, File.ReadAllText(page));

        var screenshot = Path.Combine(directory, name + ".png");
        File.Delete(screenshot);
        var shot = HeadlessChromium.Run(chromium, page, $"--screenshot={screenshot}", "--window-size=1280,2000", "--hide-scrollbars");
        Assert.True(File.Exists(screenshot) && new FileInfo(screenshot).Length > 10_000, $"no screenshot: {shot.Errors}");
        return verdict;
    }

    /// <summary>Opens a copy of the page with the probe in it, and reads what the probe saw.</summary>
    private static PageVerdict Probe(string chromium, string directory, string html)
    {
        Directory.CreateDirectory(directory);
        var probe = Path.Combine(directory, "report.probe.html");
        File.WriteAllText(probe, PageProbe.Inject(html));
        var dump = HeadlessChromium.Run(chromium, probe, "--dump-dom");
        Assert.True(dump.ExitCode == 0, $"chromium exited {dump.ExitCode}: {dump.Errors}");
        var verdict = PageProbe.ReadVerdict(dump.Output);
        return verdict with { Errors = [.. verdict.Errors, .. ConsoleLines(dump.Errors)] };
    }

    /// <summary>Console messages chromium logged (the page itself logs none).</summary>
    private static IEnumerable<string> ConsoleLines(string log) =>
        log.Split('\n').Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal));
}
