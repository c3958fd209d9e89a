using System.Text.Json;

namespace Decisioning.Batch;

/// <summary>
/// Finds which partition a line belongs to without reading the whole snapshot: every partition
/// reads every line of a shared input, and most lines are someone else's. The id is the string
/// value of the top-level key field when the line is one well-formed object that has it exactly
/// once, which is the id the snapshot reader would find; otherwise the line is read in full.
/// </summary>
internal static class SnapshotId
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    public static string? TryFind(ReadOnlySpan<byte> utf8, string idField)
    {
        string? id = null;
        var found = 0;
        try
        {
            var reader = new Utf8JsonReader(utf8, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals(idField);
                reader.Read();
                if (!isId)
                {
                    reader.Skip();
                }
                else if (reader.TokenType == JsonTokenType.String)
                {
                    id = reader.GetString();
                    found++;
                }
                else
                {
                    return null;
                }
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() && found == 1 ? id : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null; // the reader gives the line its error record
        }
    }
}
