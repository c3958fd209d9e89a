using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Decisioning.Evaluation;

/// <summary>
/// Writes decisions and error records as the one-line JSON of spec section 4, names and key
/// order as written there. Numbers are written in their shortest round-trip form, never rounded.
/// </summary>
public static class DecisionJson
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    public static string FormatInstant(DateTime at)
    {
        var utc = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        return utc.ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
            CultureInfo.InvariantCulture);
    }

    public static void Write(Utf8JsonWriter w, Decision d)
    {
        w.WriteStartObject();
        w.WriteString("customerId", d.CustomerId);
        w.WriteString("map", d.Map);
        w.WriteString("version", d.Version);
        w.WriteString("at", FormatInstant(d.At));
        WriteNullable(w, "tier", d.Tier);
        WriteNullable(w, "stage", d.Stage);
        w.WriteStartArray("segments");
        foreach (var s in d.Segments)
        {
            w.WriteStringValue(s);
        }

        w.WriteEndArray();
        if (d.Experiment is { } e)
        {
            w.WriteStartObject("experiment");
            w.WriteString("id", e.Id);
            w.WriteString("group", e.Group);
            w.WriteNumber("bucket", e.Bucket);
            w.WriteNumber("control", e.Control);
            w.WriteEndObject();
        }

        WriteActions(w, "actions", d.Actions);
        if (d.Counterfactual is { } counterfactual)
        {
            WriteActions(w, "counterfactual", counterfactual);
        }

        w.WriteStartArray("trace");
        foreach (var t in d.Trace)
        {
            w.WriteStartObject();
            w.WriteString("strategy", t.Strategy);
            w.WriteString("outcome", t.Outcome);
            if (t.Reason is not null)
            {
                w.WriteString("reason", t.Reason);
            }

            if (t.Rule is not null)
            {
                // An addition to spec section 4: the host rule behind a `policy` rejection.
                w.WriteString("rule", t.Rule);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter w, SnapshotError error)
    {
        w.WriteStartObject();
        WriteNullable(w, "customerId", error.CustomerId);
        w.WriteStartObject("error");
        w.WriteString("code", error.Code);
        w.WriteString("message", error.Message);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static string ToJson(Decision decision) => Serialize(w => Write(w, decision));

    public static string ToJson(SnapshotError error) => Serialize(w => Write(w, error));

    private static string Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(w);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteActions(Utf8JsonWriter w, string name, IReadOnlyList<DecisionAction> actions)
    {
        w.WriteStartArray(name);
        foreach (var a in actions)
        {
            w.WriteStartObject();
            w.WriteNumber("rank", a.Rank);
            w.WriteString("strategy", a.Strategy);
            WriteNullable(w, "objective", a.Objective);
            WriteNullable(w, "scenario", a.Scenario);
            w.WriteString("product", a.Product);
            w.WriteString("channel", a.Channel);
            WriteNullable(w, "script", a.Script);
            w.WriteNumber("score", a.Score);
            w.WriteNumber("propensity", a.Propensity);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
