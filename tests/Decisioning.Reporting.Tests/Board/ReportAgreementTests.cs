using System.Text.Json;
using Decisioning.Reporting.Rendering.Json;
using Decisioning.Reporting.Tests.Support;

namespace Decisioning.Reporting.Tests.Board;

/// <summary>
/// The board's comparisons are the report's: over all periods they equal report.json on the same
/// files, and in each period they equal report.json over the decisions of the customers first
/// decided in that period.
/// </summary>
public class ReportAgreementTests
{
    [Theory]
    [InlineData(3000, 5, "7d")]
    [InlineData(1200, 9, "3d")]
    public void Totals_SameFiles_EqualTheReport(int customers, int seed, string period)
    {
        var experiment = SyntheticExperiment.Make(customers, seed, control: 0.3);
        var decisions = SyntheticExperiment.DecisionLinesOf(experiment, 0.3).ToList();
        var outcomes = SyntheticExperiment.OutcomeLinesOf(experiment).ToList();

        var board = BoardRun.Json(BoardRun.Build(decisions, outcomes, period));
        var report = JsonDocument.Parse(ReportJsonWriter.ToJson(Evaluate.Lines(decisions, outcomes))).RootElement;

        foreach (var name in new[] { "counts", "srm", "overall", "strategies" })
        {
            Assert.Equal(JsonSerializer.Serialize(report.GetProperty(name)), JsonSerializer.Serialize(board.GetProperty("totals").GetProperty(name)));
        }

        Assert.Equal(report.GetProperty("experiment").GetString(), board.GetProperty("experiment").GetString());
    }

    [Theory]
    [InlineData(4000, 6, "7d")]
    [InlineData(2000, 8, "5d")]
    public void Periods_EachPeriod_EqualsTheReportOfItsFirstDecidedCustomers(int customers, int seed, string period)
    {
        // Two decisions for some customers, so that "first decided" matters.
        var experiment = SyntheticExperiment.Make(customers, seed, control: 0.3);
        var decisions = SyntheticExperiment.DecisionLinesOf(experiment, 0.3)
            .Concat(experiment.Where((_, i) => i % 7 == 0).Select(c => DecisionLines.Decision(c.Id, c.At.AddDays(9), c.Group, c.Strategy, c.Product, 0.3)))
            .ToList();
        var outcomes = SyntheticExperiment.OutcomeLinesOf(experiment).ToList();

        var board = BoardRun.Json(BoardRun.Build(decisions, outcomes, period));

        var first = experiment.Min(c => c.At);
        Assert.True(Support.Durations.TryParse(period, out var length));
        var periods = board.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal((int)((experiment.Max(c => c.At.AddDays(9)) - first).Ticks / length.Ticks) + 1, periods.Count);
        var compared = 0;
        foreach (var entry in periods)
        {
            var index = entry.GetProperty("period").GetInt32();
            Assert.Equal(first + (length * index), entry.GetProperty("from").GetDateTimeOffset());
            var placed = experiment.Where(c => (int)((c.At - first).Ticks / length.Ticks) == index).Select(c => c.Id).ToHashSet();
            if (placed.Count == 0)
            {
                // A period of later decisions only: nobody was first decided in it.
                Assert.Equal(0, entry.GetProperty("comparison").GetProperty("groups").GetProperty("model").GetProperty("customers").GetInt32());
                continue;
            }

            var subset = decisions.Where(d => placed.Contains(JsonDocument.Parse(d).RootElement.GetProperty("customerId").GetString()!));
            var report = JsonDocument.Parse(ReportJsonWriter.ToJson(Evaluate.Lines(subset, outcomes))).RootElement;
            Assert.Equal(JsonSerializer.Serialize(report.GetProperty("overall")), JsonSerializer.Serialize(entry.GetProperty("comparison")));
            Assert.Equal(JsonSerializer.Serialize(report.GetProperty("srm")), JsonSerializer.Serialize(entry.GetProperty("srm")));
            foreach (var strategy in report.GetProperty("strategies").EnumerateArray())
            {
                var id = strategy.GetProperty("strategy").GetString();
                var row = board.GetProperty("strategies").EnumerateArray().Single(s => s.GetProperty("strategy").GetString() == id);
                var cell = row.GetProperty("periods").EnumerateArray().Single(p => p.GetProperty("period").GetInt32() == index);
                var expected = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(strategy.GetRawText())!;
                expected.Remove("strategy");
                Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(cell.GetProperty("comparison")));
                compared++;
            }
        }

        Assert.True(compared >= 6, $"only {compared} per-strategy period comparisons were checked");
    }
}
