using Decisioning.Reporting.Input;
using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Tests.Support;

internal static class Evaluate
{
    public static Report Lines(IEnumerable<string> decisions, IEnumerable<string> outcomes, string window = "30d")
    {
        Assert.True(AttributionWindow.TryParse(window, out var parsed));
        using var d = DecisionLines.Stream(decisions);
        using var o = DecisionLines.Stream(outcomes);
        return PostEvaluation.Evaluate(d, o, parsed);
    }
}
