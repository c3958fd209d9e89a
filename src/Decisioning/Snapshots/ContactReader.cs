using System.Text.Json;
using Decisioning.Runtime;
using static Decisioning.Snapshots.SnapshotErrorCodes;

namespace Decisioning.Snapshots;

/// <summary>
/// Reads a snapshot's <c>contacts</c> (channel, at, strategy, product, outcome, wave) and
/// <c>responses</c> (at, strategy, product, kind, value).
/// </summary>
internal static class ContactReader
{
    public static ContactRecord[] Read(ref Utf8JsonReader reader, SnapshotText text)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new SnapshotFormatException(BadContacts, $"'contacts' must be a list, not {SnapshotReader.Describe(reader.TokenType)}");
        }

        var items = new List<ContactRecord>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new SnapshotFormatException(BadContacts, $"each contact must be an object, not {SnapshotReader.Describe(reader.TokenType)}");
            }

            items.Add(ReadOne(ref reader, items.Count + 1, text));
        }

        return [.. items];
    }

    private static ContactRecord ReadOne(ref Utf8JsonReader reader, int number, SnapshotText text)
    {
        string? channel = null, strategy = null, product = null, outcome = null;
        DateTime? at = null;
        var wave = 1;
        var seen = 0;
        Span<char> scratch = stackalloc char[SnapshotText.ScratchLength];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = SnapshotText.ContactKeyOf(in reader, scratch);
            reader.Read();
            seen = Once(seen, key, key < 0 ? "" : SnapshotText.ContactKeys[key], "contact", number);
            switch (key)
            {
                case 0: // at
                    at = SnapshotReader.ReadInstant(ref reader, BadContacts, new Where("at", "contact", number));
                    break;
                case 1: // channel
                    channel = Text(ref reader, text, "channel", number);
                    break;
                case 2: // strategy
                    strategy = Text(ref reader, text, "strategy", number);
                    break;
                case 3: // product
                    product = Text(ref reader, text, "product", number);
                    break;
                case 4: // outcome
                    outcome = Text(ref reader, text, "outcome", number);
                    break;
                case 5: // wave
                    wave = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var w) && w >= 1
                        ? w
                        : throw new SnapshotFormatException(BadContacts, $"'wave' of contact {number} must be a whole number, 1 or more");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return at is { } when
            ? new ContactRecord(channel, when, strategy, product, outcome, wave)
            : throw new SnapshotFormatException(BadContacts, $"contact {number} has no 'at'");
    }

    internal static SnapshotFormatException Duplicate(string name, string what, int number) =>
        new(DuplicateKey, $"'{name}' appears more than once in {what} {number}");


    /// <summary>
    /// Marks key number <paramref name="index"/> (-1: a key the reader does not use) as seen in a
    /// record; a key the reader uses given twice is a <c>duplicate-key</c> error: which of the two
    /// values was meant cannot be known, and a last-one-wins reading would hide a contact's real
    /// time or a response's real kind (docs/reference/snapshot-errors.md).
    /// </summary>
    internal static int Once(int seen, int index, string name, string what, int number)
    {
        if (index < 0)
        {
            return seen;
        }

        var flag = 1 << index;
        return (seen & flag) != 0
            ? throw Duplicate(name, what, number)
            : seen | flag;
    }

    private static string? Text(ref Utf8JsonReader reader, SnapshotText text, string name, int number, string code = BadContacts, string what = "contact") =>
        reader.TokenType switch
        {
            JsonTokenType.String => text.Read(ref reader),
            JsonTokenType.Null => null,
            _ => throw new SnapshotFormatException(code, $"'{name}' of {what} {number} must be a string"),
        };

    public static ResponseRecord[] ReadResponses(ref Utf8JsonReader reader, SnapshotText text)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new SnapshotFormatException(BadResponses, $"'responses' must be a list, not {SnapshotReader.Describe(reader.TokenType)}");
        }

        var items = new List<ResponseRecord>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new SnapshotFormatException(BadResponses, $"each response must be an object, not {SnapshotReader.Describe(reader.TokenType)}");
            }

            items.Add(ReadResponse(ref reader, items.Count + 1, text));
        }

        return [.. items];
    }

    private static ResponseRecord ReadResponse(ref Utf8JsonReader reader, int number, SnapshotText text)
    {
        string? strategy = null, product = null, kind = null;
        DateTime? at = null;
        var value = 0.0;
        var seen = 0;
        Span<char> scratch = stackalloc char[SnapshotText.ScratchLength];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = SnapshotText.ResponseKeyOf(in reader, scratch);
            reader.Read();
            seen = Once(seen, key, key < 0 ? "" : SnapshotText.ResponseKeys[key], "response", number);
            switch (key)
            {
                case 0: // at
                    at = SnapshotReader.ReadInstant(ref reader, BadResponses, new Where("at", "response", number));
                    break;
                case 1: // strategy
                    strategy = Text(ref reader, text, "strategy", number, BadResponses, "response");
                    break;
                case 2: // product
                    product = Text(ref reader, text, "product", number, BadResponses, "response");
                    break;
                case 3: // kind
                    kind = Text(ref reader, text, "kind", number, BadResponses, "response");
                    break;
                case 4: // value
                    value = reader.TokenType switch
                    {
                        JsonTokenType.Number when reader.TryGetDouble(out var v) && double.IsFinite(v) => v,
                        JsonTokenType.Null => 0,
                        _ => throw new SnapshotFormatException(BadResponses, $"'value' of response {number} must be a number"),
                    };
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return Response(at, strategy, product, kind, value, number);
    }

    /// <summary>A response record, checked the same way whichever snapshot form carried it.</summary>
    internal static ResponseRecord Response(DateTime? at, string? strategy, string? product, string? kind, double value, int number)
    {
        if (at is not { } when)
        {
            throw new SnapshotFormatException(BadResponses, $"response {number} has no 'at'");
        }

        // JSON cannot hold NaN or an infinity, but a ResponseSnapshot made in code can: such a value
        // reached the history, where writing the kept snapshot failed and lost its whole batch.
        if (!double.IsFinite(value))
        {
            throw new SnapshotFormatException(BadResponses, $"'value' of response {number} must be a number");
        }

        return kind switch
        {
            ResponseRecord.Responded or ResponseRecord.Declined or ResponseRecord.Converted =>
                new ResponseRecord(when, strategy, product, kind, value),
            null => throw new SnapshotFormatException(BadResponses, $"response {number} has no 'kind' (responded, declined or converted)"),
            _ => throw new SnapshotFormatException(BadResponses,
                $"'kind' of response {number} is '{kind}'; a response is responded, declined or converted"),
        };
    }
}
