using Decisioning.Model;
using Decisioning.Runtime;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Decisioning.Plan;

/// <summary>
/// Reads and writes the state file of docs/adaptive.md. Writing is deterministic (instances by model
/// then strategy, bins in order, category values ordinal), so equal states give equal bytes.
/// </summary>
public static class AdaptiveStateJson
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        Encoder = JsonConventions.Encoder,
    };

    /// <summary>Writes <paramref name="state"/> as a state file (indented JSON) to <paramref name="output"/>.</summary>
    public static void Write(AdaptiveState state, Stream output)
    {
        using var w = new Utf8JsonWriter(output, Indented);
        w.WriteStartObject();
        w.WriteString("format", AdaptiveState.Format);
        if (state.Map is not null)
        {
            w.WriteString("map", state.Map);
        }

        w.WriteString("at", Instant.Format(state.At));
        w.WriteStartArray("models");
        foreach (var instance in state.Instances.Values)
        {
            w.WriteStartObject();
            w.WriteString("model", instance.Model);
            w.WriteString("strategy", instance.Strategy);
            w.WriteNumber("positives", instance.Positives);
            w.WriteNumber("negatives", instance.Negatives);
            w.WriteStartArray("predictors");
            foreach (var p in instance.Predictors)
            {
                WritePredictor(w, p);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes a state file whole or not at all (a host may be reading the old one).</summary>
    public static void WriteFile(AdaptiveState state, string path)
    {
        using var file = Files.AtomicFile.Create(path);
        Write(state, file.Stream);
        file.Commit();
    }

    /// <summary><paramref name="state"/> as a state file's text.</summary>
    public static string ToJson(AdaptiveState state)
    {
        using var stream = new MemoryStream();
        Write(state, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WritePredictor(Utf8JsonWriter w, PredictorCounts p)
    {
        w.WriteStartObject();
        w.WriteString("name", p.Name);
        w.WriteString("kind", AdaptivePredictor.KindName(p.Kind));
        if (p.Kind == PredictorKind.Numeric)
        {
            w.WriteStartArray("edges");
            foreach (var edge in p.Edges)
            {
                w.WriteNumberValue(edge);
            }

            w.WriteEndArray();
        }

        var labels = new AdaptivePredictor(p.Name, p.Kind, PredictorSource.Field, null, p.Edges);
        w.WriteStartArray("bins");
        for (var i = 0; i < p.Fixed.Length; i++)
        {
            WriteBin(w, labels.FixedLabel(i), p.Fixed[i]);
        }

        foreach (var (value, count) in p.Values)
        {
            WriteBin(w, value, count);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteBin(Utf8JsonWriter w, string? label, BinCount count)
    {
        w.WriteStartObject();
        if (label is null)
        {
            w.WriteNull("bin");
        }
        else
        {
            w.WriteString("bin", label);
        }

        w.WriteNumber("positive", count.Positive);
        w.WriteNumber("negative", count.Negative);
        w.WriteEndObject();
    }

    /// <summary>Reads a state file's text.</summary>
    /// <returns>The state, or null with the first problem found in <paramref name="error"/>.</returns>
    public static AdaptiveState? Read(string json, out string? error)
    {
        try
        {
            var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 16 }) as JsonObject
                ?? throw new FormatException("a state file is a JSON object");
            if ((string?)root["format"] != AdaptiveState.Format)
            {
                throw new FormatException($"'format' must be \"{AdaptiveState.Format}\"");
            }

            var state = new AdaptiveState { Map = (string?)root["map"] };
            if (root["at"] is { } at)
            {
                state.At = Syntax.TryParseInstant((string?)at ?? "", out var when) ? when : throw new FormatException("'at' is not an ISO-8601 time");
            }

            foreach (var node in Array(root, "models", "the state"))
            {
                var instance = Instance(node as JsonObject ?? throw new FormatException("each of 'models' is an object"));
                if (!state.Instances.TryAdd((instance.Model, instance.Strategy), instance))
                {
                    throw new FormatException($"model '{instance.Model}' of strategy '{instance.Strategy}' appears twice");
                }
            }

            error = null;
            return state;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            error = e.Message;
            return null;
        }
    }

    private static AdaptiveInstance Instance(JsonObject o)
    {
        var model = Required<string>(o, "model");
        var strategy = Required<string>(o, "strategy");
        var predictors = Array(o, "predictors", $"model '{model}'").Select(p => Predictor(p as JsonObject ?? throw new FormatException("a predictor is an object"))).ToList();
        var instance = new AdaptiveInstance(model, strategy, predictors)
        {
            Positives = Count(o, "positives"),
            Negatives = Count(o, "negatives"),
        };
        // The evidence is P + N: wrapped past long.MaxValue, it was negative and the model read no evidence.
        return instance.Positives <= long.MaxValue - instance.Negatives
            ? instance
            : throw new FormatException($"'positives' + 'negatives' of model '{model}' of strategy '{strategy}' exceed {long.MaxValue}");
    }

    private static PredictorCounts Predictor(JsonObject o)
    {
        var name = Required<string>(o, "name");
        var kind = Required<string>(o, "kind") switch
        {
            "numeric" => PredictorKind.Numeric,
            "bool" => PredictorKind.Bool,
            "category" => PredictorKind.Category,
            var other => throw new FormatException($"predictor '{name}' has unknown kind '{other}'"),
        };
        var edges = kind == PredictorKind.Numeric ? [.. Array(o, "edges", $"predictor '{name}'").Select(e => e!.GetValue<double>())] : System.Array.Empty<double>();
        var counts = new PredictorCounts(name, kind, edges);
        var labels = new AdaptivePredictor(name, kind, PredictorSource.Field, null, edges);
        var bins = Array(o, "bins", $"predictor '{name}'");
        var fixedCount = counts.Fixed.Length;
        if (bins.Count < fixedCount || (kind != PredictorKind.Category && bins.Count != fixedCount))
        {
            throw new FormatException($"predictor '{name}' must list {fixedCount} bins{(kind == PredictorKind.Category ? " or more" : "")}, not {bins.Count}");
        }

        for (var i = 0; i < bins.Count; i++)
        {
            var bin = bins[i] as JsonObject ?? throw new FormatException("a bin is an object");
            var label = (string?)bin["bin"];
            var count = new BinCount(Count(bin, "positive"), Count(bin, "negative"));
            if (i < fixedCount)
            {
                if (label != labels.FixedLabel(i))
                {
                    throw new FormatException($"bin {i + 1} of predictor '{name}' must be {labels.FixedLabel(i) ?? "null"}, not {label ?? "null"}");
                }

                counts.Fixed[i] = count;
            }
            else if (label is null || !counts.Values.TryAdd(label, count))
            {
                throw new FormatException($"predictor '{name}' lists the value {label ?? "null"} twice");
            }
        }

        return counts;
    }

    private static List<JsonNode?> Array(JsonObject o, string key, string what) =>
        o[key] is JsonArray a ? [.. a] : throw new FormatException($"{what} needs '{key}' as a list");

    private static T Required<T>(JsonObject o, string key) =>
        o[key] is { } node ? node.GetValue<T>() : throw new FormatException($"missing '{key}'");

    private static long Count(JsonObject o, string key)
    {
        var value = Required<long>(o, key);
        return value >= 0 ? value : throw new FormatException($"'{key}' must be >= 0, not {value}");
    }
}
