using Decisioning.Reporting.Tests.Support;
using static Decisioning.Reporting.Tests.Support.DecisionLines;

namespace Decisioning.Reporting.Tests.Collection;

/// <summary>Spec section 6: which decision places a customer, and which outcomes count.</summary>
public class PlacementTests
{
    [Fact]
    public void Evaluate_LaterDecisionFirstInFile_EarliestDecisionPlacesTheCustomer()
    {
        var report = Evaluate.Lines(
            [Decision("C1", Day0.AddDays(5), "control", "s"), Decision("C1", Day0, "model", "s")],
            [Outcome("C1", Day0.AddDays(3), "s-product")]);

        Assert.Equal(1, report.Overall.Model.Converters);
        Assert.Equal(0, report.Overall.Control.Customers);
        Assert.Equal(2, report.Counts.Decisions);
        Assert.Equal(1, report.Counts.Customers);
    }

    [Fact]
    public void Evaluate_TwoDecisionsAtTheSameTime_TheFirstInFilePlaces()
    {
        var report = Evaluate.Lines([Decision("C1", Day0, "control", "s"), Decision("C1", Day0, "model", "t")], []);

        Assert.Equal(1, report.Overall.Control.Customers);
        Assert.Equal("s", Assert.Single(report.Strategies).Strategy);
    }

    [Fact]
    public void Evaluate_EarlierDecisionWithoutExperiment_DoesNotPlace()
    {
        var report = Evaluate.Lines(
            [Decision("C1", Day0, group: null, "s"), Decision("C1", Day0.AddDays(2), "control", "s")],
            [Outcome("C1", Day0.AddDays(1), "s-product")]);

        Assert.Equal(1, report.Overall.Control.Customers);
        Assert.Equal(0, report.Overall.Control.Converters);
        Assert.Equal(1, report.Counts.OutcomesBeforeDecision);
        Assert.Equal(1, report.Counts.DecisionsWithoutExperiment);
    }

    [Fact]
    public void Evaluate_OutcomesAtBothEdgesOfTheWindow_Count()
    {
        var report = Evaluate.Lines(
            [Decision("A", Day0, "model", "s"), Decision("B", Day0, "model", "s")],
            [Outcome("A", Day0, "s-product"), Outcome("B", Day0.AddDays(30), "s-product")]);

        Assert.Equal(2, report.Overall.Model.Converters);
        Assert.Equal(0, report.Counts.IgnoredOutcomes);
    }

    [Fact]
    public void Evaluate_OutcomesOutsideTheWindowOrOfUnknownCustomers_AreIgnoredAndCounted()
    {
        var report = Evaluate.Lines(
            [Decision("A", Day0, "model", "s")],
            [
                Outcome("A", Day0.AddSeconds(-1), "s-product"),
                Outcome("A", Day0.AddDays(30).AddSeconds(1), "s-product"),
                Outcome("nobody", Day0, "s-product"),
            ]);

        Assert.Equal(0, report.Overall.Model.Converters);
        Assert.Equal(3, report.Counts.Outcomes);
        Assert.Equal(3, report.Counts.IgnoredOutcomes);
        Assert.Equal((1, 1, 1), (report.Counts.OutcomesBeforeDecision, report.Counts.OutcomesAfterWindow, report.Counts.OutcomesOfUnknownCustomers));
    }

    [Fact]
    public void Evaluate_ShortWindow_MovesTheEdge()
    {
        var report = Evaluate.Lines(
            [Decision("A", Day0, "model", "s")], [Outcome("A", Day0.AddHours(13), "s-product")], window: "12h");

        Assert.Equal(0, report.Overall.Model.Converters);
        Assert.Equal("12h", report.Window);
    }

    [Fact]
    public void Evaluate_OutcomeForAnotherProduct_CountsOverallButNotForTheStrategy()
    {
        var report = Evaluate.Lines(
            [Decision("A", Day0, "model", "s", "fund"), Decision("B", Day0, "control", "s", "fund")],
            [Outcome("A", Day0.AddDays(1), "card", value: 50), Outcome("B", Day0.AddDays(1), "fund", value: 70)]);

        var strategy = Assert.Single(report.Strategies).Comparison;
        Assert.Equal((1, 1), (report.Overall.Model.Converters, report.Overall.Control.Converters));
        Assert.Equal((0, 1), (strategy.Model.Converters, strategy.Control.Converters));
        Assert.Equal((0.0, 70.0), (strategy.Model.ValuePerCustomer, strategy.Control.ValuePerCustomer));
        Assert.Equal(50.0, report.Overall.Model.ValuePerCustomer);
    }

    [Fact]
    public void Evaluate_ModelCustomerWithoutActions_IsInOverallOnly()
    {
        var report = Evaluate.Lines([Decision("A", Day0, "model"), Decision("B", Day0, "control")], []);

        Assert.Equal((1, 1), (report.Overall.Model.Customers, report.Overall.Control.Customers));
        Assert.Empty(report.Strategies);
    }

    [Fact]
    public void Evaluate_ValueAndResponse_SumConvertedValuesAndCountResponders()
    {
        var report = Evaluate.Lines(
            [Decision("A", Day0, "model", "s"), Decision("B", Day0, "model", "s")],
            [
                Outcome("A", Day0.AddDays(1), "s-product", "converted", 100),
                Outcome("A", Day0.AddDays(2), "s-product", "converted", 20),
                Outcome("A", Day0.AddDays(1), "s-product", "responded", 999),
                Outcome("B", Day0.AddDays(1), "s-product", "responded"),
            ]);

        var model = report.Overall.Model;
        Assert.Equal((1L, 2L), (model.Converters, model.Responders));
        Assert.Equal(60.0, model.ValuePerCustomer);
        Assert.Equal(7200.0, model.ValueVariance);
        Assert.Equal(1.0, model.ResponseRate);
    }

    [Fact]
    public void Evaluate_DecisionsOfASecondExperiment_AreCountedAndLeftOut()
    {
        var report = Evaluate.Lines(
            [Decision("A", Day0, "model", "s"), Decision("B", Day0, "model", "s", experiment: "other")], []);

        Assert.Equal("nba-2026q4", report.Experiment);
        Assert.Equal(1, report.Counts.DecisionsOfOtherExperiments);
        Assert.Equal(1, report.Counts.Customers);
    }

    [Fact]
    public void Evaluate_OutcomesBeforeTheirDecisionsInTheFile_StillCount()
    {
        // The outcome file is read after the whole decision log, so the order of lines across files is free.
        var report = Evaluate.Lines(
            [Decision("A", Day0.AddDays(10), "model", "s"), Decision("B", Day0, "model", "s")],
            [Outcome("A", Day0.AddDays(11), "s-product"), Outcome("B", Day0.AddDays(1), "s-product")]);

        Assert.Equal(2, report.Overall.Model.Converters);
    }

    [Fact]
    public void Evaluate_TimesWithOffsets_CompareAsInstants()
    {
        // 08:00 in Beijing is midnight UTC: the outcome falls exactly at the decision, so it counts.
        var decision = Decision("A", Day0, "model", "s").Replace("2026-11-23T00:00:00Z", "2026-11-23T08:00:00+08:00");
        var report = Evaluate.Lines([decision], [Outcome("A", Day0, "s-product"), Outcome("A", Day0.AddSeconds(-1), "s-product")]);

        Assert.Equal(1, report.Overall.Model.Converters);
        Assert.Equal(1, report.Counts.OutcomesBeforeDecision);
    }
}
