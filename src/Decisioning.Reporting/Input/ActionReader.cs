using System.Text.Json;

namespace Decisioning.Reporting.Input;

/// <summary>Reads an array of actions (<c>actions</c>, <c>counterfactual</c>, a shadow's <c>actions</c>).</summary>
internal static class ActionReader
{
    /// <summary>
    /// The strategy and product of the array's first element (rank 1), or null when the array is
    /// empty, null, not an array, or its first element has no strategy.
    /// </summary>
    public static ActionArm? ReadFirst(ref Utf8JsonReader reader) =>
        Read(ref reader, null, null) is { } first ? new ActionArm(first.Strategy, first.Product) : null;

    /// <summary>
    /// Reads the array: every element with a strategy goes to <paramref name="all"/> when given
    /// (the rest are skipped unread when not); returns the first element, or null as
    /// <see cref="ReadFirst"/> does. Ids are pooled when <paramref name="pool"/> is given.
    /// </summary>
    public static ActionEntry? Read(ref Utf8JsonReader reader, StringPool? pool, List<ActionEntry>? all)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        ActionEntry? first = null;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject || (index > 0 && all is null))
            {
                reader.Skip();
                index++;
                continue;
            }

            var entry = ReadAction(ref reader, pool);
            if (index == 0)
            {
                first = entry;
            }

            if (entry is { } e)
            {
                all?.Add(e);
            }

            index++;
        }

        return first;
    }

    private static ActionEntry? ReadAction(ref Utf8JsonReader reader, StringPool? pool)
    {
        string? strategy = null, product = null, channel = null;
        var wave = 1;
        var fallback = false;
        double? propensity = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("strategy"u8))
            {
                strategy = Text(ref reader, pool);
            }
            else if (reader.ValueTextEquals("product"u8))
            {
                product = Text(ref reader, pool);
            }
            else if (reader.ValueTextEquals("channel"u8))
            {
                channel = Text(ref reader, pool);
            }
            else if (reader.ValueTextEquals("wave"u8))
            {
                reader.Read();
                // Spec section 9: an action without a wave is wave 1.
                wave = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var w) && w >= 1 ? w : 1;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("propensity"u8))
            {
                reader.Read();
                propensity = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var p) && double.IsFinite(p) ? p : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("fallback"u8))
            {
                reader.Read();
                fallback = reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
            else
            {
                JsonValues.SkipValue(ref reader);
            }
        }

        return string.IsNullOrEmpty(strategy) ? null : new ActionEntry(strategy, product, channel, wave, fallback, propensity);
    }

    private static string? Text(ref Utf8JsonReader reader, StringPool? pool) =>
        pool is null ? JsonValues.ReadString(ref reader) : pool.ReadString(ref reader);
}
