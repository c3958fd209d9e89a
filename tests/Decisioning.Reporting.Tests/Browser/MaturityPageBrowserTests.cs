using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering;
using Decisioning.Reporting.Tests.Maturity;

namespace Decisioning.Reporting.Tests.Browser;

/// <summary>
/// The adaptive models' maturity section in headless Chromium, on the board and on the report page
/// of the hand-computed example: no error, both charts drawn with a size.
/// Screenshots are saved under bin/.../browser/maturity-*.png.
/// </summary>
public class MaturityPageBrowserTests
{
    private static readonly string OutputDirectory = Path.Combine(AppContext.BaseDirectory, "browser");

    [ChromiumFact]
    public void BoardPage_WithAnAdaptiveModel_DrawsItsMaturityCharts()
    {
        var learned = new LearnedStates();
        learned.Add("sha256:bb", "pension-adaptive", "retiree-pension", new LearnedCounts(2, 2, 7, 3));
        var directory = Path.Combine(OutputDirectory, "maturity-board");
        DashboardFiles.Write(ModelMaturityTests.Build(learned), directory, Decisioning.Reporting.Rendering.Board.BoardLanguage.English);

        Check(directory, DashboardFiles.HtmlName);
    }

    [ChromiumFact]
    public void ReportPage_WithAnAdaptiveModel_DrawsItsMaturityCharts()
    {
        var directory = Path.Combine(OutputDirectory, "maturity-report");
        ReportFiles.Write(ModelMaturityTests.Evaluate(learned: null), directory);

        Check(directory, ReportFiles.HtmlName);
    }

    private static void Check(string directory, string name)
    {
        var chromium = BrowserRun.Chromium();
        var page = Path.Combine(directory, name);
        var verdict = BrowserRun.Probe(chromium, directory, File.ReadAllText(page));
        BrowserRun.Screenshot(chromium, page, Path.Combine(directory, Path.GetFileName(directory) + ".png"), 3600);

        Assert.Empty(verdict.Errors);
        var evidence = Assert.Single(verdict.Charts, c => c.Name == "maturity-evidence");
        var auc = Assert.Single(verdict.Charts, c => c.Name == "maturity-auc");
        foreach (var chart in new[] { evidence, auc })
        {
            Assert.True(chart.Width > 100 && chart.Height > 100, $"{chart.Name} is {chart.Width}x{chart.Height}");
            Assert.True(chart.BoxWidth > 0 && chart.BoxHeight > 0 && chart.Shapes > 10, $"{chart.Name} drew nothing");
        }
    }
}
