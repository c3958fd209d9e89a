using System.Text.Json;
using Decisioning.Evaluation;

namespace Decisioning.Batch;

/// <summary>
/// Writes a decision of <c>decisions.jsonl</c> as allocated: the decision of spec section 4 as
/// <c>evaluate</c> gives it, except that
/// <list type="bullet">
/// <item><c>actions</c> keeps the allocated actions only, each with the channel it got and that
/// channel's script, and its rank as decided (so ranks may have gaps);</item>
/// <item><c>dropped</c> (an addition, present only when an action was dropped) lists the dropped
/// actions as decided, each with <c>"reason": "capacity"</c>;</item>
/// <item>in the model group (or without an experiment), the trace entry of a dropped action's
/// strategy becomes <c>rejected</c> with reason <c>capacity</c>. In the control group the trace
/// describes the counterfactual, which is not allocated, and is left as it is;</item>
/// <item>when every action was dropped, <c>"noAction": "capacity"</c> is added last.</item>
/// </list>
/// Every other member is copied byte for byte.
/// </summary>
internal static class AllocatedDecisionWriter
{
    public static void Write(Utf8JsonWriter w, JsonElement decision, IReadOnlyList<Placement> placements)
    {
        var dropped = placements.Where(p => p.Dropped).Select(p => p.Candidate.Strategy).ToHashSet(StringComparer.Ordinal);
        var control = decision.TryGetProperty("experiment", out var experiment)
            && experiment.GetProperty("group").GetString() == ExperimentAssignment.ControlGroup;
        w.WriteStartObject();
        foreach (var property in decision.EnumerateObject())
        {
            switch (property.Name)
            {
                case "actions":
                    WriteActions(w, property.Value, placements);
                    break;
                case "trace" when dropped.Count > 0 && !control:
                    WriteTrace(w, property.Value, dropped);
                    break;
                default:
                    property.WriteTo(w);
                    break;
            }
        }

        // Every action the customer had was dropped: the decision says so like any other empty one.
        if (placements.Count > 0 && placements.All(p => p.Dropped))
        {
            w.WriteString("noAction", BatchSummary.CapacityReason);
        }

        w.WriteEndObject();
    }

    private static void WriteActions(Utf8JsonWriter w, JsonElement actions, IReadOnlyList<Placement> placements)
    {
        w.WriteStartArray("actions");
        var i = 0;
        foreach (var action in actions.EnumerateArray())
        {
            var placement = placements[i++];
            if (!placement.Dropped)
            {
                WriteAction(w, action, placement.Offer, null);
            }
        }

        w.WriteEndArray();
        if (placements.Any(p => p.Dropped))
        {
            w.WriteStartArray("dropped");
            i = 0;
            foreach (var action in actions.EnumerateArray())
            {
                if (placements[i++].Dropped)
                {
                    WriteAction(w, action, null, BatchSummary.CapacityReason);
                }
            }

            w.WriteEndArray();
        }
    }

    private static void WriteAction(Utf8JsonWriter w, JsonElement action, ChannelOffer? offer, string? reason)
    {
        w.WriteStartObject();
        foreach (var property in action.EnumerateObject())
        {
            if (offer is { } taken && property.NameEquals("channel"))
            {
                w.WriteString("channel", taken.Channel);
            }
            else if (offer is { } scripted && property.NameEquals("script"))
            {
                if (scripted.Script is { } script)
                {
                    w.WriteString("script", script);
                }
                else
                {
                    w.WriteNull("script");
                }
            }
            else
            {
                property.WriteTo(w);
            }
        }

        if (reason is not null)
        {
            w.WriteString("reason", reason);
        }

        w.WriteEndObject();
    }

    private static void WriteTrace(Utf8JsonWriter w, JsonElement trace, HashSet<string> dropped)
    {
        w.WriteStartArray("trace");
        foreach (var entry in trace.EnumerateArray())
        {
            var strategy = entry.GetProperty("strategy").GetString()!;
            if (dropped.Contains(strategy))
            {
                w.WriteStartObject();
                w.WriteString("strategy", strategy);
                w.WriteString("outcome", TraceEntry.Rejected);
                w.WriteString("reason", BatchSummary.CapacityReason);
                w.WriteEndObject();
            }
            else
            {
                entry.WriteTo(w);
            }
        }

        w.WriteEndArray();
    }
}
