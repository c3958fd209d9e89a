using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.History;

/// <summary>
/// A customer as decided, written back as snapshot JSON (spec section 2): the declared fields,
/// holdings, events and the contacts the decision saw (the snapshot's own and the history's,
/// merged). Reading it back with the same map gives the same record, so <c>replay</c> decides on
/// exactly what the decision saw, whatever kind of snapshot the host passed.
/// </summary>
public static class KeptSnapshot
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The snapshot JSON of <paramref name="customer"/> read by <paramref name="plan"/>.</summary>
    public static string Write(DecisionPlan plan, CustomerRecord customer)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(customer);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString(plan.IdField, customer.Id);
            WriteFields(w, customer.Values);
            w.WriteStartArray("holdings");
            foreach (var held in customer.Holdings)
            {
                w.WriteStringValue(held);
            }

            w.WriteEndArray();
            w.WriteStartArray("events");
            foreach (var e in customer.Events)
            {
                w.WriteStartObject();
                w.WriteString("type", e.Type);
                w.WriteString("at", HistoryLines.Iso(e.At));
                if (e.Payload is { } payload)
                {
                    WriteFields(w, payload);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("contacts");
            foreach (var c in customer.Contacts)
            {
                w.WriteStartObject();
                w.WriteString("channel", c.Channel);
                w.WriteString("at", HistoryLines.Iso(c.At));
                w.WriteString("strategy", c.Strategy);
                w.WriteString("product", c.Product);
                w.WriteString("outcome", c.Outcome);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteFields(Utf8JsonWriter w, ValueRow row)
    {
        foreach (var field in row.Layout.Fields)
        {
            w.WritePropertyName(field.Name);
            switch (row.Get(field.Index))
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
                case DateTime t:
                    w.WriteStringValue(HistoryLines.Iso(t));
                    break;
                case var other:
                    w.WriteStringValue(other.ToString());
                    break;
            }
        }
    }
}
