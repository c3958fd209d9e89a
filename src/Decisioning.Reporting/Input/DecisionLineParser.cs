using System.Text.Json;

namespace Decisioning.Reporting.Input;

/// <summary>
/// Reads the fields post-evaluation needs from one decision line with a forward-only
/// <see cref="Utf8JsonReader"/>, skipping everything else (trace, scripts, scores) unread. The
/// strategy board passes a <see cref="DecisionDetails"/> to have the trace, every action,
/// <c>noAction</c>, <c>mapHash</c> and <c>shadow</c> read in the same pass.
/// </summary>
internal static class DecisionLineParser
{
    public static DecisionLine Parse(ReadOnlySpan<byte> line, DecisionDetails? details = null)
    {
        details?.Reset();
        try
        {
            return ParseObject(line, details);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return DecisionLine.Bad;
        }
    }

    private static DecisionLine ParseObject(ReadOnlySpan<byte> line, DecisionDetails? details)
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
                firstAction = Arm(ActionReader.Read(ref reader, details?.Pool, details?.Actions));
            }
            else if (reader.ValueTextEquals("counterfactual"u8))
            {
                firstCounterfactual = Arm(ActionReader.Read(ref reader, details?.Pool, null));
            }
            else if (details is null || !DetailsReader.TryRead(ref reader, details))
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

    private static ActionArm? Arm(ActionEntry? entry) =>
        entry is { } e ? new ActionArm(e.Strategy, e.Product) : null;
}
