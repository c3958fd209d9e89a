using Decisioning.Reporting.Rendering.Html;

namespace Decisioning.Reporting.Tests.Samples;

/// <summary>
/// The sample generator's true uplift is known: control customers convert at 4% times their
/// strategy's factor, model customers with an action at 1.5 times that. The report must find
/// it; with <c>--uplift 0</c> it must not claim one.
/// </summary>
public class KnownUpliftTests
{
    [Fact]
    public void Report_SampleWithTrueUplift_HeadlineFindsIt()
    {
        var report = SampleReports.Run(uplift: 0.5);

        Assert.Equal(Verdict.ModelBetter, Headline.For(report).Verdict);
        Assert.True(report.Overall.Conversion.Absolute.Low > 0);
        Assert.True(report.Overall.Conversion.Relative.Low > 0);
        Assert.False(report.Srm.Mismatch);
    }

    [Fact]
    public void Report_SampleWithTrueUplift_IntervalCoversTheTrueRelativeUplift()
    {
        // 85% of customers have an action, at mean rate factor 1.075, and 15% none (factor 1);
        // only actions get the uplift: 0.04 (0.85 * 1.075 * 1.5 + 0.15) / 0.04 (0.85 * 1.075 + 0.15) - 1 = 0.4291.
        var relative = SampleReports.Run(uplift: 0.5).Overall.Conversion.Relative;

        Assert.InRange(0.4291, relative.Low!.Value, relative.High!.Value);
    }

    [Fact]
    public void Report_SampleWithoutUplift_ClaimsNone()
    {
        var report = SampleReports.Run(uplift: 0);

        Assert.Equal(Verdict.NoProvenDifference, Headline.For(report).Verdict);
        Assert.True(report.Overall.Conversion.PValue >= 0.05);
        Assert.All(report.Strategies, s => Assert.True(s.Comparison.Conversion.PValueAdjusted >= 0.05, s.Strategy));
        Assert.False(report.Srm.Mismatch);
    }

    [Fact]
    public void Report_SampleWithNoise_CountsEveryKindOfBadInput()
    {
        var counts = SampleReports.Run(uplift: 0.5, noise: true, customers: 5000).Counts;

        Assert.Equal(5, counts.ErrorRecords);
        Assert.Equal(5, counts.DecisionsWithoutExperiment);
        Assert.Equal(5, counts.BadDecisionLines);
        Assert.Equal(10, counts.BadOutcomeLines);
        Assert.Equal(10, counts.OutcomesBeforeDecision);
        Assert.Equal(10, counts.OutcomesAfterWindow);
        Assert.Equal(10, counts.OutcomesOfUnknownCustomers);
        Assert.Equal(5000, counts.Customers);
    }
}
