using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Decisioning.Tests.CrossCheck;

/// <summary>Writes a <see cref="RandomCustomer"/> as the snapshot JSON of spec section 2.</summary>
public static class SnapshotJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(RandomMap map, RandomCustomer c, bool idLast = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            if (!idLast)
            {
                w.WriteString(map.KeyField, c.Id);
            }

            foreach (var (name, value) in c.Values)
            {
                w.WritePropertyName(name);
                Value(w, value);
            }

            foreach (var (name, value) in c.Extra)
            {
                w.WriteString(name, value);
            }

            if (c.Holdings is { } holdings)
            {
                w.WriteStartArray("holdings");
                holdings.ToList().ForEach(w.WriteStringValue);
                w.WriteEndArray();
            }

            if (c.Events is { } events)
            {
                w.WriteStartArray("events");
                foreach (var e in events)
                {
                    w.WriteStartObject();
                    w.WriteString("type", e.Type);
                    w.WriteString("at", IsoText.Instant(e.At, e.Offset));
                    foreach (var (name, value) in e.Payload)
                    {
                        w.WritePropertyName(name);
                        Value(w, value);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (c.Contacts is { } contacts)
            {
                w.WriteStartArray("contacts");
                foreach (var k in contacts)
                {
                    w.WriteStartObject();
                    Text(w, "channel", k.Channel);
                    w.WriteString("at", IsoText.Instant(k.At, k.Offset));
                    Text(w, "strategy", k.Strategy);
                    Text(w, "product", k.Product);
                    Text(w, "outcome", k.Outcome);
                    if (k.Wave is { } wave)
                    {
                        w.WriteNumber("wave", wave);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (c.Responses is { } responses)
            {
                w.WriteStartArray("responses");
                foreach (var r in responses)
                {
                    w.WriteStartObject();
                    w.WriteString("at", IsoText.Instant(r.At, r.Offset));
                    if (r.Strategy is not null)
                    {
                        w.WriteString("strategy", r.Strategy);
                    }

                    if (r.Product is not null)
                    {
                        w.WriteString("product", r.Product);
                    }

                    w.WriteString("kind", r.Kind);
                    if (r.Value is { } value)
                    {
                        w.WriteNumber("value", value);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (idLast)
            {
                w.WriteString(map.KeyField, c.Id);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Value(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case int i:
                w.WriteNumberValue(i);
                break;
            case decimal d:
                // The exact text the reference reads as a double: trailing zeros kept.
                w.WriteRawValue(d.ToString(CultureInfo.InvariantCulture));
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case RDate date:
                w.WriteStringValue(date.Text);
                break;
            default:
                throw new ArgumentException($"cannot write {value.GetType()}");
        }
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
