using System.Text.Json;

namespace Decisioning.Reporting.Input;

/// <summary>Parses one outcome line; null means a bad line.</summary>
internal static class OutcomeLineParser
{
    public static OutcomeLine? Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            return ParseObject(line);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static OutcomeLine? ParseObject(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? customerId = null, product = null, kind = null, strategy = null;
        DateTimeOffset? at = null;
        double? value = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("customerId"u8))
            {
                customerId = JsonValues.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("at"u8))
            {
                at = JsonValues.ReadTime(ref reader);
            }
            else if (reader.ValueTextEquals("product"u8))
            {
                product = JsonValues.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("strategy"u8))
            {
                strategy = JsonValues.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                kind = JsonValues.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                // Absent or null means 0 (spec: value optional, default 0); a string is bad.
                value = reader.TokenType == JsonTokenType.Null ? 0 : JsonValues.CurrentNumber(ref reader);
                reader.Skip();
            }
            else
            {
                JsonValues.SkipValue(ref reader);
            }
        }

        JsonValues.EnsureEnd(ref reader);
        OutcomeKind? parsedKind = kind switch
        {
            "responded" => OutcomeKind.Responded,
            "converted" => OutcomeKind.Converted,
            "declined" => OutcomeKind.Declined,
            _ => null,
        };
        if (string.IsNullOrEmpty(customerId) || at is null || parsedKind is null || value is null)
        {
            return null;
        }

        return new OutcomeLine(customerId, at.Value, product, parsedKind.Value, value.Value, strategy);
    }
}
