using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Decisioning.Reporting.Tests.Samples;

/// <summary>
/// samples/AdaptiveLoop, the closed loop of docs/adaptive.md, run for the two weeks that reach
/// 20,000 learned interactions: the adaptive model's AUC on held-out customers is at least 95% of
/// the true probability's, its calibration error at most 0.02, and the adaptive arm converts more
/// than the constant arm with the report's confidence interval excluding zero.
/// </summary>
public sealed partial class AdaptiveLoopTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "decisioning-adaptive-loop-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void After20000Interactions_TheLearnedModelRanksAndCalibratesAsTheTargetsSay_AndConvertsMore()
    {
        var main = Assembly.Load("AdaptiveLoop").EntryPoint!;
        var exit = main.Invoke(null, [new[] { "--out", _out, "--weeks", "2" }]);

        Assert.Equal(0, exit);
        var summary = File.ReadAllText(Path.Combine(_out, "summary.md"));
        var week = Row().Match(summary);
        Assert.True(week.Success, summary);
        Assert.Equal("20,000", week.Groups["evidence"].Value);
        var (adaptive, constant) = (Number(week, "adaptive"), Number(week, "constant"));
        var (auc, truth, calibration) = (Number(week, "auc"), Number(week, "truth"), Number(week, "calibration"));
        Assert.True(auc >= 0.95 * truth, $"AUC {auc} against the truth's {truth}");
        Assert.True(calibration <= 0.02, $"calibration error {calibration}");
        Assert.True(adaptive > constant, $"adaptive {adaptive}% against constant {constant}%");
        Assert.Contains("the interval excludes zero", summary);
    }

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private static double Number(Match m, string group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\| 2 \| (?<evidence>[\d,]+) \| (?<adaptive>[\d.]+)% \| (?<constant>[\d.]+)% \| (?<auc>[\d.]+) / (?<truth>[\d.]+) = [\d.]+% \| (?<calibration>[\d.]+) \|$", RegexOptions.Multiline)]
    private static partial Regex Row();
}
