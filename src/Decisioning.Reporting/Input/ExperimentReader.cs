using Decisioning.Reporting.Model;
using System.Text.Json;

namespace Decisioning.Reporting.Input;

/// <summary>Reads a decision's <c>experiment</c> object; the reader stands on its property name.</summary>
internal static class ExperimentReader
{
    /// <summary>
    /// False when the value is present but unusable (no id, a group other than model or control, a
    /// control share outside [0, 1]): such a line is bad. JSON null reads as no experiment.
    /// </summary>
    public static bool TryRead(ref Utf8JsonReader reader, out ExperimentTag? experiment)
    {
        experiment = null;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        string? id = null, group = null;
        double? control = null;
        var controlValid = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = JsonValues.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("group"u8))
            {
                group = JsonValues.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("control"u8))
            {
                reader.Read();
                control = JsonValues.CurrentNumber(ref reader);
                controlValid = reader.TokenType == JsonTokenType.Null || control is >= 0 and <= 1;
                reader.Skip();
            }
            else
            {
                JsonValues.SkipValue(ref reader);
            }
        }

        Group? parsed = group switch
        {
            "model" => Group.Model,
            "control" => Group.Control,
            _ => null,
        };
        if (string.IsNullOrEmpty(id) || parsed is null || !controlValid)
        {
            return false;
        }

        experiment = new ExperimentTag(id, parsed.Value, control);
        return true;
    }
}
