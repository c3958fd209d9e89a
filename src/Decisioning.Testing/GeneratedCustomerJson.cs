using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Decisioning.Evaluation;

namespace Decisioning.Testing;

/// <summary>Writes a <see cref="GeneratedCustomer"/> as snapshot JSON, readable text kept unescaped.</summary>
internal static class GeneratedCustomerJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(GeneratedCustomer customer, string idField)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString(idField, customer.Id);
            foreach (var (name, value) in customer.Fields)
            {
                w.WritePropertyName(name);
                WriteValue(w, value);
            }

            w.WriteStartArray("holdings");
            foreach (var holding in customer.Holdings)
            {
                w.WriteStringValue(holding);
            }

            w.WriteEndArray();
            w.WriteStartArray("events");
            foreach (var e in customer.Events)
            {
                w.WriteStartObject();
                w.WriteString("type", e.Type);
                w.WriteString("at", DecisionJson.FormatInstant(e.At.UtcDateTime));
                foreach (var (name, value) in e.Payload ?? new Dictionary<string, object?>())
                {
                    w.WritePropertyName(name);
                    WriteValue(w, value);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("contacts");
            foreach (var c in customer.Contacts)
            {
                w.WriteStartObject();
                WriteIfSet(w, "channel", c.Channel);
                w.WriteString("at", DecisionJson.FormatInstant(c.At.UtcDateTime));
                WriteIfSet(w, "strategy", c.Strategy);
                WriteIfSet(w, "product", c.Product);
                WriteIfSet(w, "outcome", c.Outcome);
                if (c.Wave != 1)
                {
                    w.WriteNumber("wave", c.Wave);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (customer.Responses.Count > 0)
            {
                w.WriteStartArray("responses");
                foreach (var r in customer.Responses)
                {
                    w.WriteStartObject();
                    w.WriteString("at", DecisionJson.FormatInstant(r.At.UtcDateTime));
                    WriteIfSet(w, "strategy", r.Strategy);
                    WriteIfSet(w, "product", r.Product);
                    w.WriteString("kind", r.Kind);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A date as the snapshot writes it: <c>yyyy-MM-dd</c> at midnight, else an ISO-8601 instant.</summary>
    public static string Format(DateTime date) =>
        date.TimeOfDay == TimeSpan.Zero ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DecisionJson.FormatInstant(date);

    private static void WriteValue(Utf8JsonWriter w, object? value)
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
                w.WriteNumberValue(d);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case DateTime date:
                w.WriteStringValue(Format(date));
                break;
            default:
                w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
