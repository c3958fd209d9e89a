using System.Text.Json;
using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Rendering.Json;

/// <summary>
/// Writes dashboard.json field by field: the funnel in the shape <c>{"strategy", "evaluated",
/// "selected", "rejected": {reason: n}}</c> with reasons in gate order, every comparison in the
/// <c>COMPARISON</c> shape of report.json, and null wherever a quantity cannot be computed.
/// </summary>
internal static class DashboardJsonWriter
{
    public static void Write(Dashboard board, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(board);
        using var json = new Utf8JsonWriter(stream, ReportJsonWriter.Options);
        json.WriteStartObject();
        json.WriteString("experiment", board.Totals.Experiment);
        json.WriteString("period", board.Period);
        json.WriteString("window", board.Window);
        json.WriteString("from", ReportJsonWriter.Utc(board.From));
        json.WriteString("to", ReportJsonWriter.Utc(board.To));
        WriteCounts(json, board.Counts);
        WritePeriods(json, board.Periods);
        WriteStrategies(json, board.Strategies);
        WriteFunnel(json, board.Funnel);
        WriteReasons(json, "noAction", board.NoAction);
        WriteChannels(json, board.Channels);
        WriteShadow(json, board.Shadow);
        WriteMaps(json, board.Maps);
        WriteTotals(json, board.Totals);
        MaturityJson.Write(json, board.Adaptive, byPeriod: true);
        json.WriteEndObject();
    }

    public static string ToJson(Dashboard board)
    {
        using var buffer = new MemoryStream();
        Write(board, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteCounts(Utf8JsonWriter json, BoardCounts counts)
    {
        json.WriteStartObject("counts");
        json.WriteNumber("decisions", counts.Decisions);
        json.WriteNumber("customers", counts.Customers);
        json.WriteNumber("actions", counts.Actions);
        json.WriteNumber("errorRecords", counts.ErrorRecords);
        json.WriteNumber("badDecisionLines", counts.BadDecisionLines);
        json.WriteNumber("outcomes", counts.Outcomes);
        json.WriteNumber("attributedOutcomes", counts.AttributedOutcomes);
        json.WriteNumber("badOutcomeLines", counts.BadOutcomeLines);
        json.WriteNumber("badLines", counts.BadDecisionLines + counts.BadOutcomeLines);
        json.WriteEndObject();
    }

    private static void WritePeriods(Utf8JsonWriter json, IReadOnlyList<BoardPeriod> periods)
    {
        json.WriteStartArray("periods");
        foreach (var period in periods)
        {
            json.WriteStartObject();
            json.WriteNumber("period", period.Index);
            json.WriteString("from", ReportJsonWriter.Utc(period.From));
            json.WriteString("to", ReportJsonWriter.Utc(period.To));
            json.WriteNumber("decisions", period.Decisions);
            json.WriteNumber("customers", period.Customers);
            json.WriteNumber("decisionDays", period.DecisionDays);
            ReportJsonWriter.WriteSrm(json, period.Srm);
            json.WritePropertyName("comparison");
            ComparisonJson.Write(json, period.Comparison, strategy: null);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStrategies(Utf8JsonWriter json, IReadOnlyList<StrategyBoardRow> strategies)
    {
        json.WriteStartArray("strategies");
        foreach (var row in strategies)
        {
            json.WriteStartObject();
            json.WriteString("strategy", row.Strategy);
            WriteActivity(json, row.Total);
            WriteComparison(json, row.Comparison);
            json.WriteStartArray("periods");
            foreach (var period in row.Periods)
            {
                json.WriteStartObject();
                json.WriteNumber("period", period.Period);
                WriteActivity(json, period.Activity);
                WriteComparison(json, period.Comparison);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteComparison(Utf8JsonWriter json, Comparison? comparison)
    {
        json.WritePropertyName("comparison");
        if (comparison is null)
        {
            json.WriteNullValue();
        }
        else
        {
            ComparisonJson.Write(json, comparison, strategy: null);
        }
    }

    private static void WriteActivity(Utf8JsonWriter json, Activity activity)
    {
        json.WriteNumber("customers", activity.Customers);
        json.WriteNumber("actions", activity.Actions);
        json.WriteNumber("contacts", activity.Contacts);
        json.WriteNumber("fallbacks", activity.Fallbacks);
        json.WriteStartArray("actionsByWaveAndChannel");
        foreach (var cell in activity.ByWaveAndChannel)
        {
            json.WriteStartObject();
            json.WriteNumber("wave", cell.Wave);
            json.WriteString("channel", cell.Channel);
            json.WriteNumber("actions", cell.Actions);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteResponses(json, "responses", activity.Responses);
        json.WriteNumber("conversions", activity.Responses.Converted);
        json.WriteNumber("value", activity.Value);
        json.WriteStartArray("waves");
        foreach (var wave in activity.Waves)
        {
            json.WriteStartObject();
            json.WriteNumber("wave", wave.Wave);
            json.WriteNumber("actions", wave.Actions);
            WriteResponses(json, "responses", wave.Responses);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteResponses(Utf8JsonWriter json, string name, ResponseCounts responses)
    {
        json.WriteStartObject(name);
        json.WriteNumber("responded", responses.Responded);
        json.WriteNumber("declined", responses.Declined);
        json.WriteNumber("converted", responses.Converted);
        json.WriteEndObject();
    }

    private static void WriteFunnel(Utf8JsonWriter json, IReadOnlyList<FunnelRow> funnel)
    {
        json.WriteStartArray("funnel");
        foreach (var row in funnel)
        {
            json.WriteStartObject();
            json.WriteString("strategy", row.Strategy);
            json.WriteNumber("evaluated", row.Evaluated);
            json.WriteNumber("selected", row.Selected);
            WriteReasons(json, "rejected", row.Rejected);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteReasons(Utf8JsonWriter json, string name, IReadOnlyList<ReasonCount> reasons)
    {
        json.WriteStartObject(name);
        foreach (var reason in reasons)
        {
            json.WriteNumber(reason.Reason, reason.Count);
        }

        json.WriteEndObject();
    }

    private static void WriteChannels(Utf8JsonWriter json, IReadOnlyList<ChannelUse> channels)
    {
        json.WriteStartArray("channels");
        foreach (var channel in channels)
        {
            json.WriteStartObject();
            json.WriteString("channel", channel.Channel);
            json.WriteNumberOrNull("perDay", channel.PerDay);
            json.WriteNumber("contacts", channel.Contacts);
            json.WriteNumber("decisionDays", channel.Days);
            json.WriteNumberOrNull("capacity", channel.Capacity);
            json.WriteNumberOrNull("used", channel.Used);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteShadow(Utf8JsonWriter json, ShadowAgreement? shadow)
    {
        if (shadow is null)
        {
            json.WriteNull("shadow");
            return;
        }

        json.WriteStartObject("shadow");
        json.WriteString("map", shadow.Map);
        json.WriteString("version", shadow.Version);
        json.WriteString("mapHash", shadow.MapHash);
        json.WriteNumber("decisions", shadow.Decisions);
        json.WriteNumber("changed", shadow.Changed);
        json.WriteNumberOrNull("changedShare", shadow.ChangedShare);
        json.WriteStartArray("changes");
        foreach (var change in shadow.Changes)
        {
            json.WriteStartObject();
            json.WriteString("from", change.From);
            json.WriteString("to", change.To);
            json.WriteNumber("count", change.Count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteMaps(Utf8JsonWriter json, IReadOnlyList<MapVersionSeen> maps)
    {
        json.WriteStartArray("maps");
        foreach (var map in maps)
        {
            json.WriteStartObject();
            json.WriteString("map", map.Map);
            json.WriteString("version", map.Version);
            json.WriteString("mapHash", map.MapHash);
            json.WriteNumber("decisions", map.Decisions);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The post-evaluation of all periods together: report.json's srm, overall and strategies.</summary>
    private static void WriteTotals(Utf8JsonWriter json, Report report)
    {
        json.WriteStartObject("totals");
        ReportJsonWriter.WriteResults(json, report);
        json.WriteEndObject();
    }
}
