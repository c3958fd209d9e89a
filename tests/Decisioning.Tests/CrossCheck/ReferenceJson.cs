using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Decisioning.Tests.CrossCheck;

/// <summary>
/// Writes a <see cref="RefDecision"/> as the one-line JSON of spec section 4, keys in the order the
/// spec writes them; numbers in their shortest round-trip form (unrounded), text unescaped.
/// </summary>
public static class ReferenceJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson(RefDecision d)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("customerId", d.CustomerId);
            w.WriteString("map", d.Map);
            w.WriteString("version", d.Version);
            w.WriteString("at", IsoText.DecisionAt(d.At));
            Text(w, "tier", d.Tier);
            Text(w, "stage", d.Stage);
            w.WriteStartArray("segments");
            d.Segments.ToList().ForEach(w.WriteStringValue);
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

            Actions(w, "actions", d.Actions);
            if (d.Counterfactual is { } counterfactual)
            {
                Actions(w, "counterfactual", counterfactual);
            }

            w.WriteStartArray("trace");
            foreach (var t in d.Trace)
            {
                w.WriteStartObject();
                w.WriteString("strategy", t.Strategy);
                w.WriteString("outcome", t.Reason is null ? "selected" : "rejected");
                if (t.Reason is not null)
                {
                    w.WriteString("reason", t.Reason);
                }

                if (t.Rule is not null)
                {
                    w.WriteString("rule", t.Rule);
                }

                if (t.Wave is { } wave)
                {
                    w.WriteNumber("wave", wave);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("mapHash", d.MapHash);
            if (d.NoAction is not null)
            {
                w.WriteString("noAction", d.NoAction);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Actions(Utf8JsonWriter w, string name, IReadOnlyList<RefAction> actions)
    {
        w.WriteStartArray(name);
        foreach (var a in actions)
        {
            w.WriteStartObject();
            w.WriteNumber("rank", a.Rank);
            w.WriteString("strategy", a.Strategy);
            Text(w, "objective", a.Objective);
            Text(w, "scenario", a.Scenario);
            w.WriteString("product", a.Product);
            w.WriteString("channel", a.Channel);
            Text(w, "script", a.Script);
            w.WriteNumber("score", a.Score);
            w.WriteNumber("propensity", a.Propensity);
            if (a.Wave is { } wave)
            {
                w.WriteNumber("wave", wave);
            }

            if (a.Fallback is { } fallback)
            {
                w.WriteBoolean("fallback", fallback);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
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
