using System.Text.Json;

namespace Decisioning.Reporting.Input;

/// <summary>Reads the first element of <c>actions</c> or <c>counterfactual</c>, skipping the rest.</summary>
internal static class ActionReader
{
    /// <summary>
    /// The strategy and product of the array's first element (rank 1), or null when the array is
    /// empty, null, not an array, or its first element has no strategy.
    /// </summary>
    public static ActionArm? ReadFirst(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        ActionArm? first = null;
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            first = ReadAction(ref reader);
        }
        else
        {
            reader.Skip();
        }

        while (reader.TokenType != JsonTokenType.EndArray && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }

        return first;
    }

    private static ActionArm? ReadAction(ref Utf8JsonReader reader)
    {
        string? strategy = null, product = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("strategy"u8))
            {
                strategy = JsonValues.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("product"u8))
            {
                product = JsonValues.ReadString(ref reader);
            }
            else
            {
                JsonValues.SkipValue(ref reader);
            }
        }

        return string.IsNullOrEmpty(strategy) ? null : new ActionArm(strategy, product);
    }
}
