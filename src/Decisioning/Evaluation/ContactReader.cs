using System.Text.Json;
using Decisioning.Runtime;
using static Decisioning.Evaluation.SnapshotErrorCodes;

namespace Decisioning.Evaluation;

/// <summary>Reads a snapshot's <c>contacts</c>: channel, at, strategy, product, outcome.</summary>
internal static class ContactReader
{
    public static ContactRecord[] Read(ref Utf8JsonReader reader)
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

            items.Add(ReadOne(ref reader, items.Count + 1));
        }

        return [.. items];
    }

    private static ContactRecord ReadOne(ref Utf8JsonReader reader, int number)
    {
        string? channel = null, strategy = null, product = null, outcome = null;
        DateTime? at = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "at":
                    at = SnapshotReader.ReadInstant(ref reader, BadContacts, $"'at' of contact {number}");
                    break;
                case "channel":
                    channel = Text(ref reader, name, number);
                    break;
                case "strategy":
                    strategy = Text(ref reader, name, number);
                    break;
                case "product":
                    product = Text(ref reader, name, number);
                    break;
                case "outcome":
                    outcome = Text(ref reader, name, number);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return at is { } when
            ? new ContactRecord(channel, when, strategy, product, outcome)
            : throw new SnapshotFormatException(BadContacts, $"contact {number} has no 'at'");
    }

    private static string? Text(ref Utf8JsonReader reader, string name, int number) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new SnapshotFormatException(BadContacts, $"'{name}' of contact {number} must be a string"),
    };
}
