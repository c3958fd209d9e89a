using Decisioning.Reporting.Rendering.Html;
using Decisioning.Reporting.Rendering.Json;
using Decisioning.Reporting.Tests.Support;
using static Decisioning.Reporting.Tests.Support.DecisionLines;

namespace Decisioning.Reporting.Tests;

/// <summary>Bad input is counted and shown, never a crash, and never NaN in the report.</summary>
public class BadInputTests
{
    [Fact]
    public void Evaluate_MalformedLinesInBothFiles_AreCountedAsBadLines()
    {
        var report = Evaluate.Lines(
            [Decision("A", Day0, "model", "s"), "{oops", "[]", "", "   ", """{"customerId": "Z"}"""],
            ["nope", Outcome("A", Day0.AddDays(1), "s-product"), """{"customerId": "A", "kind": "converted"}"""]);

        Assert.Equal(5, report.Counts.BadLines);
        Assert.Equal(3, report.Counts.BadDecisionLines);
        Assert.Equal(2, report.Counts.BadOutcomeLines);
        Assert.Equal(1, report.Counts.Decisions);
        Assert.Equal(1, report.Overall.Model.Converters);
    }

    [Fact]
    public void Evaluate_ALineOfMoreThanAGibibyte_IsOneBadLine_AndTheLinesAfterItAreRead()
    {
        // No line break for over 1 GiB (a dump, /dev/zero): the line reader's buffer once doubled past
        // int's range and threw; the line is cut at 16 MiB and counted, as every command reads lines.
        using var decisions = new LongLineStream(Decision("A", Day0, "model", "s") + "\n", (1L << 30) + 1, "\n" + Decision("B", Day0, "model", "s") + "\n");
        using var outcomes = new LongLineStream(Outcome("A", Day0.AddDays(1), "s-product") + "\n", (1L << 30) + 1, "\n" + Outcome("B", Day0.AddDays(1), "s-product"));

        var report = PostEvaluation.Evaluate(decisions, outcomes);

        Assert.Equal((2L, 1L), (report.Counts.Decisions, report.Counts.BadDecisionLines));
        Assert.Equal((2L, 1L), (report.Counts.Outcomes, report.Counts.BadOutcomeLines));
        Assert.Equal(2, report.Overall.Model.Converters);
    }

    [Fact]
    public void Evaluate_ErrorRecords_AreCountedApartFromDecisionsAndBadLines()
    {
        var report = Evaluate.Lines(
            [Decision("A", Day0, "model", "s"), """{"customerId": "C9", "error": {"code": "missing-field", "message": "age"}}"""], []);

        Assert.Equal((1L, 1L, 0L), (report.Counts.Decisions, report.Counts.ErrorRecords, report.Counts.BadLines));
    }

    [Fact]
    public void Evaluate_EmptyOutcomeFile_GivesNullTestsAndANotEnoughDataHeadline()
    {
        var report = Evaluate.Lines([Decision("A", Day0, "model", "s"), Decision("B", Day0, "control", "s")], []);

        Assert.Equal(0, report.Counts.Outcomes);
        Assert.Null(report.Overall.Conversion.PValue);
        Assert.Null(report.Overall.Conversion.Relative.Estimate);
        Assert.Null(report.Overall.Value.PValue);
        Assert.Equal(Verdict.NotEnoughData, Headline.For(report).Verdict);
    }

    [Fact]
    public void Evaluate_DecisionsWithoutAnyExperiment_GivesANullExperimentAndEmptyGroups()
    {
        var report = Evaluate.Lines([Decision("A", Day0, group: null, "s")], [Outcome("A", Day0, "s-product")]);

        Assert.Null(report.Experiment);
        Assert.Equal(0, report.Counts.Customers);
        Assert.Equal(1, report.Counts.OutcomesOfUnknownCustomers);
        Assert.Null(report.Srm.PValue);
        Assert.Null(report.Overall.Model.ConversionRate);
    }

    [Fact]
    public void Render_EmptyInputs_WritesJsonWithNullsAndNoNaN()
    {
        var report = Evaluate.Lines([], []);

        var json = ReportJsonWriter.ToJson(report);
        var html = HtmlReportWriter.Render(report);

        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
        Assert.Contains("\"experiment\": null", json);
        Assert.DoesNotContain("NaN", html);
    }

    [Fact]
    public void Evaluate_OneGroupEmpty_GivesNullComparisonsWithoutThrowing()
    {
        var report = Evaluate.Lines(
            [Decision("A", Day0, "model", "s"), Decision("B", Day0, "model", "s")],
            [Outcome("A", Day0.AddDays(1), "s-product", value: 10)]);

        Assert.Null(report.Overall.Conversion.Absolute.Estimate);
        Assert.Null(report.Overall.Value.Df);
        Assert.Equal(0.5, report.Overall.Model.ConversionRate);
        Assert.True(report.Srm.Mismatch is false);
    }
}
