using Decisioning.Reporting.Tests.Support;
using static Decisioning.Reporting.Tests.Support.DecisionLines;

namespace Decisioning.Reporting.Tests.Collection;

public class CumulativeCurveTests
{
    private static readonly string[] Decisions =
        [Decision("A", Day0, "model", "s"), Decision("B", Day0, "model", "s"), Decision("C", Day0, "control", "s")];

    [Fact]
    public void Cumulative_ThirtyDayWindow_HasOnePointADayEndingAtTheConversionRate()
    {
        var report = Evaluate.Lines(Decisions, [Outcome("A", Day0.AddHours(36), "s-product"), Outcome("C", Day0.AddDays(30), "s-product")]);

        Assert.Equal(31, report.Cumulative.Count);
        Assert.Equal(Enumerable.Range(0, 31).Select(d => (double)d), report.Cumulative.Select(p => p.Days));
        Assert.Equal((0.0, 0.0), (report.Cumulative[1].Model, report.Cumulative[1].Control));
        Assert.Equal(0.5, report.Cumulative[2].Model);
        Assert.Equal(0.0, report.Cumulative[29].Control);
        Assert.Equal(report.Overall.Model.ConversionRate, report.Cumulative[^1].Model);
        Assert.Equal(report.Overall.Control.ConversionRate, report.Cumulative[^1].Control);
    }

    [Fact]
    public void Cumulative_ConversionAtTheDecisionInstant_CountsFromDayZero()
    {
        var report = Evaluate.Lines(Decisions, [Outcome("B", Day0, "s-product")]);

        Assert.Equal(0.5, report.Cumulative[0].Model);
    }

    [Fact]
    public void Cumulative_WindowUnderADay_HasTwentyFourSteps()
    {
        var report = Evaluate.Lines(Decisions, [], window: "12h");

        Assert.Equal(25, report.Cumulative.Count);
        Assert.Equal(0.5, report.Cumulative[^1].Days, 1e-6);
    }

    [Fact]
    public void Cumulative_EmptyGroup_IsNull()
    {
        var report = Evaluate.Lines([Decision("A", Day0, "model", "s")], []);

        Assert.All(report.Cumulative, p => Assert.Null(p.Control));
    }
}
