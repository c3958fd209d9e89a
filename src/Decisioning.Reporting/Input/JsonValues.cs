using System.Text.Json;

namespace Decisioning.Reporting.Input;

/// <summary>Small readers for one property value; the reader stands on the property name.</summary>
internal static class JsonValues
{
    /// <summary>A string value, or null for JSON null or any other kind of value.</summary>
    public static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    /// <summary>An ISO-8601 date or date-time string, or null when it is not one.</summary>
    public static DateTimeOffset? ReadTime(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var at))
        {
            return at;
        }

        reader.Skip();
        return null;
    }

    /// <summary>The current token as a finite number, or null when it is anything else.</summary>
    public static double? CurrentNumber(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : null;

    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Throws <see cref="JsonException"/> unless the object closed and nothing follows.</summary>
    public static void EnsureEnd(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0 || reader.Read())
        {
            throw new JsonException("A line must hold exactly one JSON object.");
        }
    }
}
