using Decisioning.Reporting.Rendering.Json;
using Decisioning.Reporting.Tests.Support;

namespace Decisioning.Reporting.Tests;

/// <summary>report.json agrees with an independent computation to 1e-9 (relative above 1).</summary>
public class OracleTests
{
    [Theory]
    [InlineData(4000, 7)]
    [InlineData(600, 11)]
    public void Evaluate_RandomExperiment_MatchesTheOracleEverywhere(int customers, int seed)
    {
        const double control = 0.3;
        var experiment = SyntheticExperiment.Make(customers, seed, control);
        var report = Evaluate.Lines(SyntheticExperiment.DecisionLinesOf(experiment, control), SyntheticExperiment.OutcomeLinesOf(experiment));

        var actual = JsonPaths.Flatten(ReportJsonWriter.ToJson(report));
        var expected = Oracle.Expect(experiment, TimeSpan.FromDays(30), control);

        Assert.Equal(3, report.Strategies.Count);
        Assert.True(expected.Count > 100);
        foreach (var (path, value) in expected)
        {
            Assert.True(actual.TryGetValue(path, out var got), $"report.json has no {path}");
            Assert.NotNull(got);
            var tolerance = 1e-9 * Math.Max(1, Math.Abs(value!.Value));
            Assert.True(Math.Abs(got!.Value - value.Value) <= tolerance, $"{path}: report {got:R}, oracle {value:R}");
        }
    }
}
