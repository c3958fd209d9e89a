using System.Globalization;
using Decisioning.Reporting.Board;
using Decisioning.Reporting.Input;
using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Board;
using Decisioning.Reporting.Rendering.Html;
using Decisioning.Reporting.Rendering.Json;
using Decisioning.Reporting.Tests.Support;

namespace Decisioning.Reporting.Tests.Maturity;

/// <summary>
/// The maturity of an adaptive model, worked out by hand: three weekly steps of a few decisions
/// with known evidence, propensities and outcomes, on the board (by period) and in the report (by
/// state version), with a window of 7 days.
/// </summary>
public class ModelMaturityTests
{
    private const string Model = "pension-adaptive";
    private const string Strategy = "retiree-pension";
    private static readonly DateTimeOffset Day0 = DecisionLines.Day0;

    // Week 0, map sha256:aa, evidence 0: four contacts at the prior 0.05. A converts (named by
    // product only), B responds (named by strategy), C declines, D is silent.
    // Week 1, map sha256:bb, evidence 4: E 0.30, F 0.20, G 0.10, H 0.05, and I scored but rejected
    // (no contact). E converts, G responds; F responds on day 15, after its window; H is silent.
    // Week 2, a host's state sha256:cc, evidence 8: J 0.40, whose window is still open at day 15.
    internal static readonly string[] Decisions =
    [
        Line("A", 0, 0.05, 0, map: "sha256:aa"),
        Line("B", 0, 0.05, 0, map: "sha256:aa"),
        Line("C", 0, 0.05, 0, map: "sha256:aa"),
        Line("D", 0, 0.05, 0, map: "sha256:aa"),
        Line("E", 7, 0.30, 4, map: "sha256:bb"),
        Line("F", 7, 0.20, 4, map: "sha256:bb"),
        Line("G", 7, 0.10, 4, map: "sha256:bb"),
        Line("H", 7, 0.05, 4, map: "sha256:bb"),
        Line("I", 7, null, 4, map: "sha256:bb"),
        Line("J", 14, 0.40, 8, map: "sha256:bb", state: "sha256:cc"),
        // A map without adaptive models decides too: nothing of it is in the maturity view.
        """{"customerId": "K", "map": "retail-wealth", "mapHash": "sha256:dd", "at": "2026-11-24T00:00:00Z", "actions": [{"rank": 1, "strategy": "card-activation", "product": "credit-card", "channel": "sms", "score": 1, "propensity": 0.9}], "trace": [{"strategy": "card-activation", "outcome": "selected"}]}""",
    ];

    internal static readonly string[] Outcomes =
    [
        BoardLines.Response("A", Day0.AddDays(2), "pension-fund", "converted", 100),
        BoardLines.Response("B", Day0.AddDays(3), null, "responded", strategy: Strategy),
        BoardLines.Response("C", Day0.AddDays(2), "pension-fund", "declined"),
        BoardLines.Response("E", Day0.AddDays(8), "pension-fund", "converted", 100),
        BoardLines.Response("G", Day0.AddDays(9), "pension-fund", "responded"),
        // G's card purchase is another product: it changes nothing.
        BoardLines.Response("G", Day0.AddDays(9), "credit-card", "converted", 10),
        BoardLines.Response("F", Day0.AddDays(15), "pension-fund", "responded"),
        BoardLines.Response("K", Day0.AddDays(2), "credit-card", "converted", 10),
    ];

    // (decisions, evidence, contacts, positives, negatives, mean propensity, AUC, AUC contacts)
    private static readonly (long, long, long, long, long, double?, double?, long)[] Weeks =
    [
        // All four at 0.05: two positives, two negatives, every pair tied: AUC 1/2.
        (4, 0, 4, 2, 2, 0.05, 0.5, 4),
        // Positives E .30, G .10 against negatives F .20, H .05: E>F, E>H, G<F, G>H: 3 of 4 pairs.
        (5, 4, 4, 2, 2, (0.30 + 0.20 + 0.10 + 0.05) / 4, 0.75, 4),
        // J's window is open: neither positive nor negative, so no AUC.
        (1, 8, 1, 0, 0, 0.40, null, 0),
    ];

    [Fact]
    public void Board_CountsEvidenceContactsOutcomesAndAuc_PerPeriod()
    {
        var board = BoardRun.Build(Decisions, Outcomes, period: "7d", window: "7d");

        var model = Assert.Single(board.Adaptive);
        Assert.Equal((Model, Strategy), (model.Model, model.Strategy));
        Assert.Equal([0, 1, 2], model.Steps.Select(s => s.Period!.Value));
        Assert.Equal(Weeks, model.Steps.Select(s => Numbers(s.Stats)), new Near());
        Assert.Equal([1, 1, 1], model.Steps.Select(s => s.Stats.States));
        AssertTotal(model.Total);
    }

    [Fact]
    public void Report_CountsTheSameNumbers_PerStateVersion_InTheOrderOfTheirFirstDecision()
    {
        var report = Evaluate(learned: null);

        var model = Assert.Single(report.Adaptive);
        Assert.Equal(
            [("sha256:aa", "map", Day0, Day0), ("sha256:bb", "map", Day0.AddDays(7), Day0.AddDays(7)), ("sha256:cc", "state", Day0.AddDays(14), Day0.AddDays(14))],
            model.Steps.Select(s => (s.Version!, s.Source!, s.From, s.To)));
        Assert.Equal(Weeks, model.Steps.Select(s => Numbers(s.Stats)), new Near());
        AssertTotal(model.Total);
    }

    [Fact]
    public void LearnedStates_GiveTheBinsOfTheVersionDecidedWith()
    {
        var learned = new LearnedStates();
        learned.Add("sha256:bb", Model, Strategy, new LearnedCounts(2, 2, 7, 3));

        var report = Evaluate(learned);
        var board = Build(learned);

        Assert.Equal([null, new LearnedCounts(2, 2, 7, 3), null], report.Adaptive[0].Steps.Select(s => s.Stats.Learned));
        Assert.Equal([null, new LearnedCounts(2, 2, 7, 3), null], board.Adaptive[0].Steps.Select(s => s.Stats.Learned));
        // The total is the latest decision's state: the host's sha256:cc, not given.
        Assert.Null(report.Adaptive[0].Total.Learned);
    }

    [Fact]
    public void Json_WritesTheSectionWithItsSteps_AfterEveryFieldOfBefore()
    {
        var board = BoardRun.Json(Build(learned: null));
        using var report = System.Text.Json.JsonDocument.Parse(ReportJsonWriter.ToJson(Evaluate(learned: null)));

        var boardModel = board.GetProperty("adaptive")[0];
        var reportModel = report.RootElement.GetProperty("adaptive")[0];
        Assert.Equal("adaptive", board.EnumerateObject().Last().Name);
        Assert.Equal("adaptive", report.RootElement.EnumerateObject().Last().Name);
        Assert.Equal(
            ["model", "strategy", "decisions", "evidence", "states", "contacts", "positives", "negatives", "meanPropensity", "auc", "aucContacts", "learned", "periods"],
            boardModel.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.625, boardModel.GetProperty("auc").GetDouble());
        Assert.Equal(2, boardModel.GetProperty("periods")[2].GetProperty("period").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, boardModel.GetProperty("periods")[2].GetProperty("auc").ValueKind);
        Assert.Equal(
            ["version", "source", "from", "to", "decisions", "evidence", "states", "contacts", "positives", "negatives", "meanPropensity", "auc", "aucContacts", "learned"],
            reportModel.GetProperty("versions")[1].EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-30T00:00:00Z", reportModel.GetProperty("versions")[1].GetProperty("from").GetString());
    }

    [Fact]
    public void Pages_ShowATableAndALinePerModel()
    {
        var board = DashboardHtmlWriter.Render(Build(learned: null));
        var report = HtmlReportWriter.Render(Evaluate(learned: null));

        foreach (var page in new[] { board, report })
        {
            Assert.Contains("<section id=\"maturity\">", page);
            Assert.Contains("data-chart=\"maturity-evidence\"", page);
            Assert.Contains("data-chart=\"maturity-auc\"", page);
            Assert.Contains("<table id=\"maturity-table\">", page);
            Assert.Contains("0.625", page, StringComparison.Ordinal);
        }

        Assert.Contains("<code>sha256:cc</code>", report);

        // A point per step with a value: three of evidence; the AUC of the last step is unknown.
        foreach (var page in new[] { board, report })
        {
            Assert.Equal(3, Points(page, "maturity-evidence"));
            Assert.Equal(2, Points(page, "maturity-auc"));
        }

        Assert.Contains("自适应模型成熟度", DashboardHtmlWriter.Render(Build(learned: null), BoardLanguage.Chinese));
    }

    [Fact]
    public void ALogWithoutAdaptiveModels_HasNoMaturitySection_InAnyOutput()
    {
        string[] decisions = [Decisions[^1]];
        string[] outcomes = [Outcomes[^1]];

        var board = BoardRun.Build(decisions, outcomes);
        using var d = DecisionLines.Stream(decisions);
        using var o = DecisionLines.Stream(outcomes);
        var report = PostEvaluation.Evaluate(d, o);

        Assert.Empty(board.Adaptive);
        Assert.Empty(report.Adaptive);
        Assert.False(BoardRun.Json(board).TryGetProperty("adaptive", out _));
        Assert.DoesNotContain("\"adaptive\"", ReportJsonWriter.ToJson(report));
        Assert.DoesNotContain("maturity", DashboardHtmlWriter.Render(board));
        Assert.DoesNotContain("maturity", HtmlReportWriter.Render(report));
    }

    private static int Points(string page, string chart)
    {
        var start = page.IndexOf($"data-chart=\"{chart}\"", StringComparison.Ordinal);
        var svg = page[start..page.IndexOf("</svg>", start, StringComparison.Ordinal)];
        return System.Text.RegularExpressions.Regex.Count(svg, "<circle ");
    }

    private static void AssertTotal(MaturityStats total)
    {
        // Positives A .05, B .05, E .30, G .10 against negatives C .05, D .05, F .20, H .05: of 16
        // pairs A and B win 1.5 each (three ties), E wins 4, G wins 3: 10 / 16.
        Assert.Equal((10L, 8L, 9L, 4L, 4L, 1.25 / 9, 0.625, 8L), Numbers(total), new Near());
        Assert.Equal(3, total.States);
    }

    private static (long, long, long, long, long, double?, double?, long) Numbers(MaturityStats s) =>
        (s.Decisions, s.Evidence, s.Contacts, s.Positives, s.Negatives, s.MeanPropensity, s.Auc, s.AucContacts);

    internal static Dashboard Build(LearnedStates? learned)
    {
        Assert.True(AttributionWindow.TryParse("7d", out var week));
        using var d = DecisionLines.Stream(Decisions);
        using var o = DecisionLines.Stream(Outcomes);
        return StrategyBoard.Build(d, o, new BoardOptions { Period = week, Window = week, Learned = learned });
    }

    internal static Report Evaluate(LearnedStates? learned)
    {
        Assert.True(AttributionWindow.TryParse("7d", out var week));
        using var d = DecisionLines.Stream(Decisions);
        using var o = DecisionLines.Stream(Outcomes);
        return PostEvaluation.Evaluate(d, o, week, learned);
    }

    /// <summary>A decision whose retiree-pension trace line names the model; with a propensity, the strategy's action.</summary>
    private static string Line(string customer, int day, double? propensity, long evidence, string map, string? state = null)
    {
        var at = DecisionLines.Time(Day0.AddDays(day));
        var action = propensity is { } p
            ? $$"""{"rank": 1, "strategy": "{{Strategy}}", "objective": "aum-growth", "scenario": null, "product": "pension-fund", "channel": "sms", "script": null, "score": 3, "propensity": {{p.ToString("R", CultureInfo.InvariantCulture)}}}"""
            : string.Empty;
        var outcome = propensity is null ? "\"rejected\", \"reason\": \"arbitration\"" : "\"selected\"";
        var statePart = state is null ? string.Empty : $", \"state\": \"{state}\"";
        return $$"""{"customerId": "{{customer}}", "map": "retail-wealth", "version": "1", "mapHash": "{{map}}", "at": "{{at}}", "actions": [{{action}}], "trace": [{"strategy": "{{Strategy}}", "outcome": {{outcome}}, "model": "{{Model}}", "evidence": {{evidence}}{{statePart}}}, {"strategy": "card-activation", "outcome": "rejected", "reason": "not-targeted"}]}""";
    }

    private sealed class Near : IEqualityComparer<(long, long, long, long, long, double?, double?, long)>
    {
        public bool Equals((long, long, long, long, long, double?, double?, long) x, (long, long, long, long, long, double?, double?, long) y) =>
            (x.Item1, x.Item2, x.Item3, x.Item4, x.Item5, x.Item8) == (y.Item1, y.Item2, y.Item3, y.Item4, y.Item5, y.Item8)
            && Math.Abs((x.Item6 ?? -1) - (y.Item6 ?? -1)) < 1e-12 && x.Item7 == y.Item7;

        public int GetHashCode((long, long, long, long, long, double?, double?, long) obj) => 0;
    }
}
