using System.Text.Json;
using Decisioning.Reporting.Board;
using Decisioning.Reporting.Input;
using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Json;

namespace Decisioning.Reporting.Tests.Support;

/// <summary>Builds a board from lines in memory, and its dashboard.json as a document.</summary>
internal static class BoardRun
{
    public static Dashboard Build(IEnumerable<string> decisions, IEnumerable<string> outcomes, string period = "7d", string window = "30d")
    {
        Assert.True(AttributionWindow.TryParse(period, out var p));
        Assert.True(AttributionWindow.TryParse(window, out var w));
        using var d = DecisionLines.Stream(decisions);
        using var o = DecisionLines.Stream(outcomes);
        return StrategyBoard.Build(d, o, new BoardOptions { Period = p, Window = w });
    }

    public static JsonElement Json(Dashboard board) => JsonDocument.Parse(DashboardJsonWriter.ToJson(board)).RootElement;
}
