using System.Text.Json;

namespace Decisioning.Reporting.Input;

/// <summary>
/// One string instance per distinct id (strategy, channel, reason): a decision log repeats a few
/// dozen ids millions of times, so they are looked up by their characters instead of allocated
/// per line. Not thread-safe.
/// </summary>
internal sealed class StringPool
{
    private const int MaxPooledLength = 256;

    private readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public StringPool() => lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The current string token, pooled; null for any other token (the value is skipped).</summary>
    public string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxPooledLength)
        {
            // A long text (a script, a message) is not an id; it is not worth keeping.
            return reader.GetString();
        }

        Span<char> chars = stackalloc char[MaxPooledLength];
        var written = reader.CopyString(chars);
        var key = chars[..written];
        if (lookup.TryGetValue(key, out var pooled))
        {
            return pooled;
        }

        var text = key.ToString();
        strings.Add(text, text);
        return text;
    }
}
