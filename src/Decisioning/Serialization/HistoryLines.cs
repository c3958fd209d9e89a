using Decisioning.Model;
using Decisioning.Runtime;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Decisioning.History;

namespace Decisioning.Serialization;

/// <summary>
/// Contacts and responses as JSON lines, both ways: a contact line is a snapshot's contact with
/// its <c>customerId</c> (spec section 9), a response line is an outcome line (spec section 6)
/// that may name its <c>strategy</c>. Reading never throws: a line that is not a record gives false.
/// </summary>
internal static class HistoryLines
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The response kinds a history keeps (spec section 9).</summary>
    public static IReadOnlyList<string> ResponseKinds { get; } = ["responded", "declined", "converted"];

    /// <summary>Reads a contact line: <c>customerId</c> and <c>at</c> required; <c>wave</c> defaults to 1.</summary>
    public static bool TryReadContact(string line, out ContactEntry? contact)
    {
        contact = null;
        try
        {
            if (!TryParse(line, out var root, out var customer, out var at))
            {
                return false;
            }

            var wave = root.TryGetProperty("wave", out var w) && w.ValueKind == JsonValueKind.Number && w.TryGetInt32(out var k) && k >= 1 ? k : 1;
            contact = new ContactEntry(customer!, at, Text(root, "channel"), Text(root, "strategy"), Text(root, "product"), wave, Text(root, "outcome"));
            return true;
        }
        catch (InvalidOperationException)
        {
            // A string that is not text (an escaped lone UTF-16 surrogate): no record either.
            contact = null;
            return false;
        }
    }

    /// <summary>Reads an outcome line as a response: <c>customerId</c>, <c>at</c> and a known <c>kind</c> required.</summary>
    public static bool TryReadResponse(string line, out ResponseEntry? response)
    {
        response = null;
        try
        {
            if (!TryParse(line, out var root, out var customer, out var at) || Text(root, "kind") is not { } kind || !ResponseKinds.Contains(kind))
            {
                return false;
            }

            double value = 0;
            // A number past double's range (1e400 reads as infinity) is no value a history can keep, nor
            // write back as JSON (export, report --db): a bad line, as a string is.
            if (root.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null
                && (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out value) || !double.IsFinite(value)))
            {
                return false;
            }

            response = new ResponseEntry(customer!, at, Text(root, "strategy"), Text(root, "product"), kind, value);
            return true;
        }
        catch (InvalidOperationException)
        {
            // A string that is not text (an escaped lone UTF-16 surrogate): no record either.
            response = null;
            return false;
        }
    }

    /// <summary>A contact as a contact line.</summary>
    public static string Write(ContactEntry contact) => Write(w =>
    {
        w.WriteString("customerId", contact.CustomerId);
        w.WriteString("channel", contact.Channel);
        w.WriteString("at", Iso(contact.At));
        w.WriteString("strategy", contact.Strategy);
        w.WriteString("product", contact.Product);
        w.WriteNumber("wave", contact.Wave);
        w.WriteString("outcome", contact.Outcome);
    });

    /// <summary>A response as an outcome line (<c>strategy</c> only when known).</summary>
    public static string Write(ResponseEntry response) => Write(w =>
    {
        w.WriteString("customerId", response.CustomerId);
        w.WriteString("at", Iso(response.At));
        if (response.Strategy is not null)
        {
            w.WriteString("strategy", response.Strategy);
        }

        w.WriteString("product", response.Product);
        w.WriteString("kind", response.Kind);
        w.WriteNumber("value", response.Value);
    });

    /// <summary>An instant as the decision lines write it: ISO-8601 UTC, seconds, fractions only when present.</summary>
    public static string Iso(DateTime at) =>
        Instant.Utc(at).ToString(at.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
            System.Globalization.CultureInfo.InvariantCulture);

    private static bool TryParse(string line, out JsonElement root, out string? customer, out DateTime at)
    {
        root = default;
        customer = null;
        at = default;
        try
        {
            using var document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return false;
        }

        return root.ValueKind == JsonValueKind.Object && (customer = Text(root, "customerId")) is { Length: > 0 }
            && Text(root, "at") is { } text && Syntax.TryParseInstant(text, out at);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
