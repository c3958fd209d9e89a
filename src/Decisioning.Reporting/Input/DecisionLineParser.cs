using System.Text.Json;

namespace Decisioning.Reporting.Input;

/// <summary>
/// Reads the fields post-evaluation needs from one decision line with a forward-only
/// <see cref="Utf8JsonReader"/>, skipping everything else (trace, scripts, scores) unread.
/// </summary>
internal static class DecisionLineParser
{
    public static DecisionLine Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            return ParseObject(line);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return DecisionLine.Bad;
        }
    }

    private static DecisionLine ParseObject(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return DecisionLine.Bad;
        }

        string? customerId = null;
        DateTimeOffset? at = null;
        var isError = false;
        var experimentValid = true;
        ExperimentTag? experiment = null;
        ActionArm? firstAction = null, firstCounterfactual = null;
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
            else if (reader.ValueTextEquals("error"u8))
            {
                isError = true;
                JsonValues.SkipValue(ref reader);
            }
            else if (reader.ValueTextEquals("experiment"u8))
            {
                experimentValid = ExperimentReader.TryRead(ref reader, out experiment);
            }
            else if (reader.ValueTextEquals("actions"u8))
            {
                firstAction = ActionReader.ReadFirst(ref reader);
            }
            else if (reader.ValueTextEquals("counterfactual"u8))
            {
                firstCounterfactual = ActionReader.ReadFirst(ref reader);
            }
            else
            {
                JsonValues.SkipValue(ref reader);
            }
        }

        JsonValues.EnsureEnd(ref reader);
        if (isError)
        {
            return new DecisionLine(DecisionLineKind.ErrorRecord, customerId, default, null, null, null);
        }

        if (string.IsNullOrEmpty(customerId) || at is null || !experimentValid)
        {
            return DecisionLine.Bad;
        }

        return new DecisionLine(
            DecisionLineKind.Decision, customerId, at.Value, experiment, firstAction, firstCounterfactual);
    }
}
