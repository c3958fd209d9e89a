using System.Globalization;
using Decisioning.Diagnostics;
using Decisioning.Model;

namespace Decisioning.Parsing;

/// <summary>Reads the keys of a <c>kind: adaptive</c> model (docs/adaptive.md) out of a model's mapping.</summary>
internal static class AdaptiveSectionReader
{
    public static readonly string[] Keys = ["predictors", "prior", "priorWeight", "minEvidence", "window", "positive", "state"];

    /// <summary>The adaptive part of a model, or null when the model has none of its keys and is not adaptive.</summary>
    public static AdaptiveModelDecl? Read(NodeReader reader, YamlMapping model, bool adaptive)
    {
        if (!adaptive && !Keys.Any(k => model.Find(k) is not null))
        {
            return null;
        }

        const string what = "an adaptive model";
        var predictors = model.Find("predictors");
        return new AdaptiveModelDecl
        {
            Predictors = predictors is null ? [] : Predictors(reader, predictors.Value),
            PredictorsWritten = predictors is not null,
            Prior = reader.Number(model, "prior", what),
            PriorWeight = reader.Number(model, "priorWeight", what),
            MinEvidence = reader.Number(model, "minEvidence", what),
            Window = reader.Duration(model, "window", what),
            Positive = reader.StringList(model, "positive", what),
            PositiveWritten = model.Find("positive") is not null,
            State = reader.String(model, "state", what),
            Location = model.Location,
        };
    }

    private static List<PredictorDecl> Predictors(NodeReader reader, YamlNode node)
    {
        var predictors = new List<PredictorDecl>();
        if (node is not YamlMapping map)
        {
            if (node is not YamlScalar { IsNull: true })
            {
                reader.WrongKind(node, "'predictors'", "a mapping of field names to bin edges, bool or category");
            }

            return predictors;
        }

        foreach (var entry in map.Entries)
        {
            var name = new Located<string>(entry.Key.Value, entry.Key.Location);
            var what = $"predictor '{entry.Key.Value}'";
            switch (entry.Value)
            {
                case YamlSequence sequence:
                    predictors.Add(new PredictorDecl(name, null, Edges(reader, sequence, what), entry.Value.Location));
                    break;
                case YamlScalar { IsNull: false } scalar:
                    predictors.Add(new PredictorDecl(name, new Located<string>(scalar.Value, scalar.ContentStart), [], scalar.Location));
                    break;
                default:
                    reader.WrongKind(entry.Value, what, "a list of bin edges, 'bool' or 'category'");
                    break;
            }
        }

        return predictors;
    }

    private static List<Located<double>> Edges(NodeReader reader, YamlSequence sequence, string what)
    {
        var edges = new List<Located<double>>();
        foreach (var item in sequence.Items)
        {
            if (reader.String(item, $"a bin edge of {what}") is not { } text)
            {
                continue;
            }

            if (double.TryParse(text.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                edges.Add(new Located<double>(value, text.Location));
            }
            else
            {
                reader.Diagnostics.Error(DiagnosticCodes.BadNumber, $"a bin edge of {what} must be a number, not '{text.Value}'", text.Location);
            }
        }

        return edges;
    }
}
