using System.Text.Json;

namespace Decisioning.Reporting.Input;

/// <summary>
/// The properties of a decision line that only the strategy board reads: <c>map</c>,
/// <c>version</c>, <c>mapHash</c>, <c>noAction</c>, <c>trace</c> and <c>shadow</c>.
/// </summary>
internal static class DetailsReader
{
    /// <summary>Reads the property the reader stands on when it is one of these; false otherwise (nothing read).</summary>
    public static bool TryRead(ref Utf8JsonReader reader, DecisionDetails details)
    {
        var pool = details.Pool;
        if (reader.ValueTextEquals("map"u8))
        {
            details.Map = pool.ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("version"u8))
        {
            details.Version = pool.ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("mapHash"u8))
        {
            details.MapHash = pool.ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("noAction"u8))
        {
            details.NoAction = pool.ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("trace"u8))
        {
            ReadTrace(ref reader, details);
        }
        else if (reader.ValueTextEquals("shadow"u8))
        {
            ReadShadow(ref reader, details);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static void ReadTrace(ref Utf8JsonReader reader, DecisionDetails details)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? strategy = null, outcome = null, reason = null, model = null, state = null;
            long? evidence = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("strategy"u8))
                {
                    strategy = details.Pool.ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("outcome"u8))
                {
                    outcome = details.Pool.ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("reason"u8))
                {
                    reason = details.Pool.ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("model"u8))
                {
                    model = details.Pool.ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("evidence"u8))
                {
                    evidence = ReadCount(ref reader);
                }
                else if (reader.ValueTextEquals("state"u8))
                {
                    state = details.Pool.ReadString(ref reader);
                }
                else
                {
                    JsonValues.SkipValue(ref reader);
                }
            }

            if (!string.IsNullOrEmpty(strategy))
            {
                details.Trace.Add(new TraceItem(strategy, outcome, reason, model, evidence, state));
            }
        }
    }

    /// <summary>A whole number >= 0, or null for any other value (skipped).</summary>
    private static long? ReadCount(ref Utf8JsonReader reader)
    {
        reader.Read();
        long? count = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) && n >= 0 ? n : null;
        reader.Skip();
        return count;
    }

    /// <summary><c>{"map", "version", "mapHash", "actions": [...]}</c> of spec section 14.</summary>
    private static void ReadShadow(ref Utf8JsonReader reader, DecisionDetails details)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        details.HasShadow = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("map"u8))
            {
                details.ShadowMap = details.Pool.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                details.ShadowVersion = details.Pool.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("mapHash"u8))
            {
                details.ShadowMapHash = details.Pool.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("actions"u8))
            {
                details.ShadowFirst = ActionReader.Read(ref reader, details.Pool, null);
            }
            else
            {
                JsonValues.SkipValue(ref reader);
            }
        }
    }
}
