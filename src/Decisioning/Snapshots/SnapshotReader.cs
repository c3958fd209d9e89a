using Decisioning.Model;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Decisioning.Plan;
using Decisioning.Runtime;
using static Decisioning.Snapshots.SnapshotErrorCodes;

namespace Decisioning.Snapshots;

/// <summary>
/// Reads a customer snapshot (spec section 2) from UTF-8 JSON straight into a plan's typed
/// <see cref="CustomerRecord"/>: one pass with <see cref="Utf8JsonReader"/>, fields placed by the
/// slots fixed at load. A bad snapshot gives a <see cref="SnapshotError"/>, never an exception.
/// Thread-safe: it keeps no state between calls.
/// </summary>
public sealed class SnapshotReader(DecisionPlan plan)
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>The map whose customer schema snapshots are read against.</summary>
    public DecisionPlan Plan { get; } = plan;

    /// <summary>Reads one snapshot: the customer, or the error record of the first problem (never both, never an exception).</summary>
    public (CustomerRecord? Customer, SnapshotError? Error) Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    /// <summary>Reads one snapshot from its UTF-8 bytes: the customer, or the error record of the first problem.</summary>
    public (CustomerRecord? Customer, SnapshotError? Error) Read(ReadOnlySpan<byte> utf8)
    {
        string? id = null;
        if (utf8.Length > Streaming.OrderedParallel.MaxLineLength)
        {
            // Cut by the line reader, or handed in whole by a host: refused before parsing (docs/limits.md).
            return (null, new SnapshotError(null, InvalidJson,
                $"the line holds more than {Streaming.OrderedParallel.MaxLineLength:N0} bytes; a snapshot may hold at most that"));
        }

        try
        {
            var reader = new Utf8JsonReader(utf8, Options);
            if (!reader.Read())
            {
                throw new SnapshotFormatException(InvalidJson, "the line is empty");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new SnapshotFormatException(NotAnObject, $"a snapshot is a JSON object, not {Describe(reader.TokenType)}");
            }

            var record = ReadObject(ref reader, ref id);
            if (reader.Read())
            {
                throw new SnapshotFormatException(InvalidJson, "unexpected text after the snapshot object");
            }

            return (record, null);
        }
        catch (SnapshotFormatException e)
        {
            return (null, new SnapshotError(id ?? TryFindId(utf8), e.Code, e.Message));
        }
        catch (JsonException e)
        {
            return (null, new SnapshotError(id ?? TryFindId(utf8), InvalidJson, JsonErrorText.Describe(e, utf8.Length)));
        }
        catch (InvalidOperationException)
        {
            // A string that is not text: an escaped lone UTF-16 surrogate ("\ud800") or invalid UTF-8.
            return (null, new SnapshotError(id ?? TryFindId(utf8), InvalidJson, JsonErrorText.NotText));
        }
    }

    private CustomerRecord ReadObject(ref Utf8JsonReader reader, ref string? id)
    {
        var layout = Plan.Customer;
        var text = SnapshotText.Of(Plan);
        var row = new ValueRow(layout);
        Span<bool> seen = layout.Fields.Count <= 256 ? stackalloc bool[256] : new bool[layout.Fields.Count];
        Span<char> scratch = stackalloc char[SnapshotText.ScratchLength];
        string[] holdings = [];
        EventRecord[] events = [];
        ContactRecord[] contacts = [];
        ResponseRecord[] responses = [];
        var idSeen = false;
        var listsSeen = 0;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Keys are matched on their bytes, never made into strings (a line has a few dozen).
            var key = text.CustomerKeyOf(in reader, scratch);
            reader.Read();
            if (key.IsId)
            {
                if (idSeen)
                {
                    throw Duplicate(Plan.IdField);
                }

                idSeen = true;
                id = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Null => throw new SnapshotFormatException(MissingId, $"'{Plan.IdField}' is null"),
                    _ => throw new SnapshotFormatException(WrongType, $"'{Plan.IdField}' must be a string, not {Describe(reader.TokenType)}"),
                };
            }

            if (key.Slot is { } slot)
            {
                if (seen[slot.Index])
                {
                    throw Duplicate(slot.Name);
                }

                seen[slot.Index] = true;
                FieldReader.Read(ref reader, slot, row, new Where(slot.Name));
            }
            else if (key.List == 1)
            {
                listsSeen = Once(listsSeen, 1, "holdings");
                holdings = ReadHoldings(ref reader, text);
            }
            else if (key.List == 2)
            {
                listsSeen = Once(listsSeen, 2, "events");
                events = ReadEvents(ref reader, text);
            }
            else if (key.List == 4)
            {
                listsSeen = Once(listsSeen, 4, "contacts");
                contacts = ContactReader.Read(ref reader, text);
            }
            else if (key.List == 8)
            {
                listsSeen = Once(listsSeen, 8, "responses");
                responses = ContactReader.ReadResponses(ref reader, text);
            }
            else if (!key.IsId)
            {
                reader.Skip();
            }
        }

        if (!idSeen)
        {
            throw new SnapshotFormatException(MissingId, $"the key field '{Plan.IdField}' is missing");
        }

        foreach (var slot in layout.Fields)
        {
            if (!seen[slot.Index] && !slot.Type.Optional)
            {
                throw new SnapshotFormatException(MissingField, $"required field '{slot.Name}' ({slot.Type}) is missing");
            }
        }

        return new CustomerRecord(id!, row, holdings, events, contacts, responses);
    }

    // A key the reader uses may appear once: a second value would silently replace the first
    // (docs/reference/snapshot-errors.md). Undeclared keys are skipped unread, duplicated or not.
    private static SnapshotFormatException Duplicate(string name) =>
        new(DuplicateKey, $"'{name}' appears more than once in the snapshot");

    private static int Once(int seen, int flag, string name) => (seen & flag) != 0 ? throw Duplicate(name) : seen | flag;

    private static string[] ReadHoldings(ref Utf8JsonReader reader, SnapshotText text)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new SnapshotFormatException(BadHoldings, $"'holdings' must be a list of product ids, not {Describe(reader.TokenType)}");
        }

        // Most customers hold a few products: counted on a copy first, so the array is made once.
        var count = 0;
        var ahead = reader;
        while (ahead.Read() && ahead.TokenType == JsonTokenType.String)
        {
            count++;
        }

        var items = new string[count];
        var n = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new SnapshotFormatException(BadHoldings, $"'holdings' must hold product ids as strings, not {Describe(reader.TokenType)}");
            }

            items[n++] = text.Read(ref reader);
        }

        return items;
    }

    private EventRecord[] ReadEvents(ref Utf8JsonReader reader, SnapshotText text)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new SnapshotFormatException(BadEvents, $"'events' must be a list, not {Describe(reader.TokenType)}");
        }

        var items = new List<EventRecord>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new SnapshotFormatException(BadEvents, $"each event must be an object, not {Describe(reader.TokenType)}");
            }

            items.Add(ReadEvent(ref reader, items.Count, text));
        }

        return [.. items];
    }

    private EventRecord ReadEvent(ref Utf8JsonReader reader, int index, SnapshotText text)
    {
        // The payload's layout depends on the type, which may come last: look ahead on a copy.
        var type = FindType(reader, index, text);
        var layout = Plan.Events.GetValueOrDefault(type);
        var payload = layout is null ? null : new ValueRow(layout);
        var fields = layout?.Fields.Count ?? 0;
        Span<bool> seen = fields <= 64 ? stackalloc bool[64] : new bool[fields];
        Span<char> scratch = stackalloc char[SnapshotText.ScratchLength];
        DateTime? at = null;
        var keys = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = text.EventKeyOf(layout, in reader, scratch);
            reader.Read();
            keys = ContactReader.Once(keys, key.Key, key.Key == 0 ? "at" : "type", "event", index + 1);
            if (key.Key == 0)
            {
                at = ReadInstant(ref reader, BadEvents, new Where("at", "event", index + 1));
            }
            else if (key.Slot is { } slot)
            {
                if (seen[slot.Index])
                {
                    throw ContactReader.Duplicate(slot.Name, "event", index + 1);
                }

                seen[slot.Index] = true;
                FieldReader.Read(ref reader, slot, payload!, new Where(slot.Name, "event", index + 1, type));
            }
            else
            {
                reader.Skip();
            }
        }

        if (at is null)
        {
            throw new SnapshotFormatException(BadEvents, $"event {index + 1} ({type}) has no 'at'");
        }

        foreach (var slot in layout?.Fields ?? [])
        {
            if (!seen[slot.Index] && !slot.Type.Optional)
            {
                throw new SnapshotFormatException(BadEvents, $"event {index + 1} ({type}) lacks its field '{slot.Name}'");
            }
        }

        return new EventRecord(type, at.Value, payload);
    }

    private static string FindType(Utf8JsonReader lookahead, int index, SnapshotText text)
    {
        while (lookahead.Read() && lookahead.TokenType == JsonTokenType.PropertyName)
        {
            var isType = lookahead.ValueTextEquals("type"u8);
            lookahead.Read();
            if (isType)
            {
                return lookahead.TokenType == JsonTokenType.String
                    ? text.Read(ref lookahead)
                    : throw new SnapshotFormatException(BadEvents, $"'type' of event {index + 1} must be a string");
            }

            lookahead.Skip();
        }

        throw new SnapshotFormatException(BadEvents, $"event {index + 1} has no 'type'");
    }

    internal static DateTime ReadInstant(ref Utf8JsonReader reader, string code, Where what)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new SnapshotFormatException(code, $"{what} must be an ISO-8601 date-time string, not {Describe(reader.TokenType)}");
        }

        Span<char> scratch = stackalloc char[SnapshotText.ScratchLength];
        var text = SnapshotText.Chars(in reader, scratch);
        return Syntax.TryParseInstant(text, out var value)
            ? value
            : throw new SnapshotFormatException(BadDate, $"{what} '{text}' is not an ISO-8601 date or date-time");
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>On a bad line, the id if the line is JSON enough to show it.</summary>
    private string? TryFindId(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals(Plan.IdField);
                reader.Read();
                if (isId)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Broken before the id: the error record says null.
        }

        return null;
    }

    internal static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
