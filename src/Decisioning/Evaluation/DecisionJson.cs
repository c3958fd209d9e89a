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

    private const string WholeSeconds = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const string Fraction = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public static string FormatInstant(DateTime at)
    {
        Span<char> text = stackalloc char[32];
        return new string(text[..FormatInstant(at, text)]);
    }

    // Seconds only when whole, else up to seven fractional digits, trailing zeros dropped.
    private static int FormatInstant(DateTime at, Span<char> text)
    {
        var utc = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        utc.TryFormat(text, out var written, utc.Ticks % TimeSpan.TicksPerSecond == 0 ? WholeSeconds : Fraction, CultureInfo.InvariantCulture);
        return written;
    }

    public static void Write(Utf8JsonWriter w, Decision d) => WriteDecision(w, new RecordView(d));

    /// <summary>
    /// The decision in <paramref name="buffer"/>, byte for byte what <see cref="Write(Utf8JsonWriter, Decision)"/>
    /// writes for <see cref="DecisionBuffer.ToDecision"/>, without building that copy: only the
    /// scripts of the written actions are rendered.
    /// </summary>
    public static void Write(Utf8JsonWriter w, DecisionBuffer buffer)
    {
        if (buffer.Copied is { } decision)
        {
            Write(w, decision);
            return;
        }

        WriteDecision(w, new BufferView(buffer));
    }

    // One writer for both sources, so that a decision and its buffer cannot be written differently.
    private static void WriteDecision<TView>(Utf8JsonWriter w, TView d)
        where TView : struct, IDecisionView
    {
        w.WriteStartObject();
        w.WriteString("customerId", d.CustomerId);
        w.WriteString("map", d.Map);
        w.WriteString("version", d.Version);
        Span<char> at = stackalloc char[32];
        w.WriteString("at", at[..FormatInstant(d.At, at)]);
        WriteNullable(w, "tier", d.Tier);
        WriteNullable(w, "stage", d.Stage);
        w.WriteStartArray("segments");
        for (var i = 0; i < d.SegmentCount; i++)
        {
            w.WriteStringValue(d.Segment(i));
        }

        w.WriteEndArray();
        if (d.HasExperiment)
        {
            w.WriteStartObject("experiment");
            w.WriteString("id", d.ExperimentId);
            w.WriteString("group", d.Group);
            w.WriteNumber("bucket", d.Bucket);
            w.WriteNumber("control", d.Control);
            w.WriteEndObject();
        }

        WriteActions(w, "actions", d, counterfactual: false);
        if (d.HasCounterfactual)
        {
            WriteActions(w, "counterfactual", d, counterfactual: true);
        }

        w.WriteStartArray("trace");
        for (var i = 0; i < d.TraceCount; i++)
        {
            var t = d.Trace(i);
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

    public static string ToJson(DecisionBuffer buffer) => Serialize(w => Write(w, buffer));

    private static string Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(w);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteActions<TView>(Utf8JsonWriter w, string name, TView d, bool counterfactual)
        where TView : struct, IDecisionView
    {
        w.WriteStartArray(name);
        var count = counterfactual ? d.CounterfactualCount : d.ActionCount;
        for (var i = 0; i < count; i++)
        {
            var a = d.Action(counterfactual, i);
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
