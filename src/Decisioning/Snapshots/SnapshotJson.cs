using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Snapshots;

/// <summary>
/// Writes a customer snapshot as one line of the snapshot JSON (docs/evaluation.md): the id,
/// the fields, <c>holdings</c>, <c>events</c>, <c>contacts</c> (with their <c>wave</c> when not 1)
/// and <c>responses</c> (when there are any). Readable text stays unescaped. Reading the line back
/// with the same map gives the same record: the one writer behind the history's kept snapshots
/// and the testing kit's generated customers.
/// </summary>
public static class SnapshotJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A snapshot from its parts; field values as <see cref="CustomerSnapshot.FromDictionary"/> takes them.</summary>
    public static string Write(
        string idField,
        string id,
        IEnumerable<KeyValuePair<string, object?>> fields,
        IEnumerable<string> holdings,
        IEnumerable<EventSnapshot> events,
        IEnumerable<ContactSnapshot> contacts,
        IEnumerable<ResponseSnapshot> responses)
    {
        ArgumentNullException.ThrowIfNull(idField);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(holdings);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentNullException.ThrowIfNull(responses);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString(idField, id);
            WriteFields(w, fields);
            w.WriteStartArray("holdings");
            foreach (var holding in holdings)
            {
                w.WriteStringValue(holding);
            }

            w.WriteEndArray();
            w.WriteStartArray("events");
            foreach (var e in events)
            {
                w.WriteStartObject();
                w.WriteString("type", e.Type);
                w.WriteString("at", Instant.Format(e.At.UtcDateTime));
                WriteFields(w, e.Payload ?? EmptyPayload);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("contacts");
            foreach (var c in contacts)
            {
                w.WriteStartObject();
                WriteIfSet(w, "channel", c.Channel);
                w.WriteString("at", Instant.Format(c.At.UtcDateTime));
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
            var started = false;
            foreach (var r in responses)
            {
                if (!started)
                {
                    // Only when there are any: a snapshot without responses reads as part one's.
                    w.WriteStartArray("responses");
                    started = true;
                }

                w.WriteStartObject();
                w.WriteString("at", Instant.Format(r.At.UtcDateTime));
                WriteIfSet(w, "strategy", r.Strategy);
                WriteIfSet(w, "product", r.Product);
                w.WriteString("kind", r.Kind);
                if (r.Value != 0)
                {
                    w.WriteNumber("value", r.Value);
                }

                w.WriteEndObject();
            }

            if (started)
            {
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// <paramref name="customer"/> as <paramref name="plan"/> read it (declared fields only), with
    /// the contacts and responses it holds: for a decision, the ones it was decided on.
    /// </summary>
    public static string Write(DecisionPlan plan, CustomerRecord customer)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(customer);
        return Write(plan.IdField, customer.Id, Fields(customer.Values), customer.Holdings,
            customer.Events.Select(e => new EventSnapshot(e.Type, At(e.At), e.Payload is { } payload ? Fields(payload).ToDictionary() : null)),
            customer.Contacts.Select(c => new ContactSnapshot(c.Channel, At(c.At), c.Strategy, c.Product, c.Outcome, c.Wave)),
            customer.Responses.Select(r => new ResponseSnapshot(At(r.At), r.Kind, r.Strategy, r.Product, r.Value)));
    }

    /// <summary>A date as a snapshot writes it: <c>yyyy-MM-dd</c> at midnight, else an ISO-8601 instant.</summary>
    public static string FormatDate(DateTime date) =>
        date.TimeOfDay == TimeSpan.Zero ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Instant.Format(date);

    private static readonly IReadOnlyDictionary<string, object?> EmptyPayload = new Dictionary<string, object?>();

    private static DateTimeOffset At(DateTime at) => new(Instant.Utc(at));

    private static IEnumerable<KeyValuePair<string, object?>> Fields(ValueRow row) =>
        row.Layout.Fields.Select(field => KeyValuePair.Create(field.Name, row.Get(field.Index)));

    private static void WriteFields(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        foreach (var (name, value) in fields)
        {
            w.WritePropertyName(name);
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
                case double d:
                    w.WriteNumberValue(d);
                    break;
                case bool b:
                    w.WriteBooleanValue(b);
                    break;
                case DateTime date:
                    w.WriteStringValue(FormatDate(date));
                    break;
                default:
                    w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
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
