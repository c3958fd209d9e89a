using Decisioning.Reporting.Input;
using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Board;

/// <summary>
/// Why a decision returned no action. A line carries it as <c>noAction</c>; for a line written
/// before that field existed it is worked out from the line the same way: <c>control</c> for a
/// control-group decision that held back the model's choice, else the reason of the strategy that
/// got furthest through the gates (ties: the first in the trace), else <c>no-strategies</c>.
/// </summary>
internal static class NoActionReason
{
    public static string Of(DecisionLine line, DecisionDetails details)
    {
        if (!string.IsNullOrEmpty(details.NoAction))
        {
            return details.NoAction;
        }

        if (line.Experiment?.Group == Group.Control && line.FirstCounterfactual is not null)
        {
            return GateOrder.Control;
        }

        string? furthest = null;
        var furthestRank = int.MinValue;
        foreach (var item in details.Trace)
        {
            if (item.Outcome == GateOrder.Selected)
            {
                continue;
            }

            var rank = GateOrder.Rank(item.Reason);
            if (rank > furthestRank)
            {
                (furthest, furthestRank) = (item.Reason ?? item.Outcome, rank);
            }
        }

        return furthest ?? GateOrder.NoStrategies;
    }
}
