using System.Text;
using System.Text.Json;

namespace Decisioning.Cli.Import;

/// <summary>A JSON value and where it starts in its file (a character offset).</summary>
internal abstract record JsonItem(int Offset);

internal sealed record JsonObjectItem(int Offset, IReadOnlyList<JsonMember> Members) : JsonItem(Offset)
{
    /// <summary>The member named <paramref name="name"/>, ignoring case (RulesEngine files vary), or null.</summary>
    public JsonMember? Member(string name) => Members.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    public string? Text(string name) => (Member(name)?.Value as JsonScalarItem)?.Text;
}

internal sealed record JsonMember(string Name, int NameOffset, JsonItem Value);

internal sealed record JsonArrayItem(int Offset, IReadOnlyList<JsonItem> Items) : JsonItem(Offset);

/// <summary>A string, number, true, false or null: <see cref="Text"/> is the string's value or the literal's text.</summary>
internal sealed record JsonScalarItem(int Offset, JsonTokenType Kind, string? Text) : JsonItem(Offset);

/// <summary>
/// Reads JSON with System.Text.Json's <see cref="Utf8JsonReader"/>, keeping each value's position,
/// so that a diagnostic can point at the line and column of a rule, a member or a character inside
/// an expression string. Comments and trailing commas are allowed, as RulesEngine files have them.
/// </summary>
internal sealed class PositionedJson
{
    private readonly int[] _charOfByte;
    private readonly List<int> _lineStarts = [0];

    private PositionedJson(string file, byte[] bytes, int skip)
    {
        File = file;
        Text = Encoding.UTF8.GetString(bytes, skip, bytes.Length - skip);
        _charOfByte = new int[bytes.Length - skip + 1];
        var chars = 0;
        for (var i = skip; i < bytes.Length;)
        {
            var b = bytes[i];
            var length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            for (var k = 0; k < length && i + k < bytes.Length; k++)
            {
                _charOfByte[i - skip + k] = chars;
            }

            chars += length == 4 ? 2 : 1;   // a 4-byte sequence is a surrogate pair in UTF-16
            i += length;
        }

        _charOfByte[^1] = chars;
        for (var i = 0; i < Text.Length; i++)
        {
            if (Text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public string File { get; }

    public string Text { get; }

    public JsonItem? Root { get; private set; }

    /// <summary>Reads <paramref name="bytes"/>; a syntax error is thrown as <see cref="JsonException"/> with its line and byte.</summary>
    public static PositionedJson Parse(string file, byte[] bytes)
    {
        var skip = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var json = new PositionedJson(file, bytes, skip);
        var reader = new Utf8JsonReader(bytes.AsSpan(skip), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!reader.Read())
        {
            throw new JsonException("the file is empty", file, 0, 0);
        }

        json.Root = json.ReadValue(ref reader);
        return json;
    }

    /// <summary>Line and column (1-based, in characters) of a character offset.</summary>
    public (int Line, int Column) Position(int offset)
    {
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return (line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>
    /// The offset in the file of character <paramref name="index"/> of the string value whose
    /// opening quote is at <paramref name="quote"/>, stepping over escape sequences.
    /// </summary>
    public int InString(int quote, int index)
    {
        var at = quote + 1;
        for (var decoded = 0; decoded < index && at < Text.Length && Text[at] != '"'; decoded++)
        {
            at += Text[at] != '\\' ? 1 : at + 1 < Text.Length && Text[at + 1] == 'u' ? 6 : 2;
        }

        return at;
    }

    private JsonItem ReadValue(ref Utf8JsonReader reader)
    {
        var offset = _charOfByte[(int)reader.TokenStartIndex];
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var members = new List<JsonMember>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    var at = _charOfByte[(int)reader.TokenStartIndex];
                    reader.Read();
                    members.Add(new JsonMember(name, at, ReadValue(ref reader)));
                }

                return new JsonObjectItem(offset, members);
            case JsonTokenType.StartArray:
                var items = new List<JsonItem>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader));
                }

                return new JsonArrayItem(offset, items);
            case JsonTokenType.String:
                return new JsonScalarItem(offset, reader.TokenType, reader.GetString());
            case JsonTokenType.Number:
                return new JsonScalarItem(offset, reader.TokenType, Encoding.UTF8.GetString(reader.ValueSpan));
            default:
                return new JsonScalarItem(offset, reader.TokenType, reader.TokenType switch
                {
                    JsonTokenType.True => "true",
                    JsonTokenType.False => "false",
                    _ => null,
                });
        }
    }
}
