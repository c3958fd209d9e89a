using System.Text.Json;
using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Rendering.Json;

/// <summary>
/// The <c>adaptive</c> section of dashboard.json (steps are <c>periods</c>) and report.json (steps
/// are <c>versions</c>). Written only when a decision was made with an adaptive model, so the files
/// of a map without one keep exactly their former shape.
/// </summary>
internal static class MaturityJson
{
    public static void Write(Utf8JsonWriter json, IReadOnlyList<ModelMaturity> models, bool byPeriod)
    {
        if (models.Count == 0)
        {
            return;
        }

        json.WriteStartArray("adaptive");
        foreach (var model in models)
        {
            json.WriteStartObject();
            json.WriteString("model", model.Model);
            json.WriteString("strategy", model.Strategy);
            WriteStats(json, model.Total);
            json.WriteStartArray(byPeriod ? "periods" : "versions");
            foreach (var step in model.Steps)
            {
                json.WriteStartObject();
                if (byPeriod)
                {
                    json.WriteNumber("period", step.Period ?? 0);
                }
                else
                {
                    json.WriteString("version", step.Version);
                    json.WriteString("source", step.Source);
                    json.WriteString("from", ReportJsonWriter.Utc(step.From));
                    json.WriteString("to", ReportJsonWriter.Utc(step.To));
                }

                WriteStats(json, step.Stats);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStats(Utf8JsonWriter json, MaturityStats stats)
    {
        json.WriteNumber("decisions", stats.Decisions);
        json.WriteNumber("evidence", stats.Evidence);
        json.WriteNumber("states", stats.States);
        json.WriteNumber("contacts", stats.Contacts);
        json.WriteNumber("positives", stats.Positives);
        json.WriteNumber("negatives", stats.Negatives);
        json.WriteNumberOrNull("meanPropensity", stats.MeanPropensity);
        json.WriteNumberOrNull("auc", stats.Auc);
        json.WriteNumber("aucContacts", stats.AucContacts);
        if (stats.Learned is not { } learned)
        {
            json.WriteNull("learned");
            return;
        }

        json.WriteStartObject("learned");
        json.WriteNumber("positives", learned.Positives);
        json.WriteNumber("negatives", learned.Negatives);
        json.WriteNumber("bins", learned.Bins);
        json.WriteNumber("matureBins", learned.MatureBins);
        json.WriteEndObject();
    }
}
