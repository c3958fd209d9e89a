using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Decisioning.Samples.OutcomeGenerator;

/// <summary>Options of <see cref="SyntheticDecisions"/>.</summary>
public sealed record DecisionOptions(int Customers = 40000, double Control = 0.2, int Seed = 20261101, bool Noise = false)
{
    public string ExperimentId { get; init; } = "nba-2026q4";

    public DateTimeOffset Start { get; init; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
}

/// <summary>
/// Decision lines in the shape of spec section 4, for when no engine is at hand: a group from the
/// GrowthBook bucket, the model's choice in <c>actions</c> (model group) or in
/// <c>counterfactual</c> (control group, policy none).
/// </summary>
public static class SyntheticDecisions
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Stream output, DecisionOptions options)
    {
        for (var i = 1; i <= options.Customers; i++)
        {
            var id = "C" + i.ToString("D6", CultureInfo.InvariantCulture);
            var random = SeededRandom.For(options.Seed, id);
            using (var json = new Utf8JsonWriter(output, Options))
            {
                WriteDecision(json, id, random, options);
            }

            output.WriteByte((byte)'\n');
            if (options.Noise && i % 1000 == 0)
            {
                WriteNoise(output, i);
            }
        }
    }

    private static void WriteDecision(Utf8JsonWriter json, string id, Random random, DecisionOptions options)
    {
        var at = options.Start.AddHours(random.Next(0, 21 * 24));
        var bucket = GrowthBookHash.Bucket(options.ExperimentId, id);
        var control = bucket < options.Control;
        var strategy = random.NextDouble() < SampleCatalog.NoActionShare
            ? null
            : SampleCatalog.Strategies[random.Next(SampleCatalog.Strategies.Count)];
        json.WriteStartObject();
        json.WriteString("customerId", id);
        json.WriteString("map", "retail-wealth");
        json.WriteString("version", "2026.11.1");
        json.WriteString("at", at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteString("tier", "wealth");
        json.WriteString("stage", "active");
        json.WriteStartArray("segments");
        json.WriteEndArray();
        json.WriteStartObject("experiment");
        json.WriteString("id", options.ExperimentId);
        json.WriteString("group", control ? "control" : "model");
        json.WriteNumber("bucket", bucket);
        json.WriteNumber("control", options.Control);
        json.WriteEndObject();
        json.WriteStartArray("actions");
        if (!control && strategy is not null)
        {
            WriteAction(json, strategy, random);
        }

        json.WriteEndArray();
        if (control)
        {
            json.WriteStartArray("counterfactual");
            if (strategy is not null)
            {
                WriteAction(json, strategy, random);
            }

            json.WriteEndArray();
        }

        json.WriteStartArray("trace");
        foreach (var s in SampleCatalog.Strategies)
        {
            json.WriteStartObject();
            json.WriteString("strategy", s.Id);
            json.WriteString("outcome", s == strategy ? "selected" : "rejected");
            if (s != strategy)
            {
                json.WriteString("reason", "not-targeted");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteAction(Utf8JsonWriter json, SampleStrategy s, Random random)
    {
        var name = SampleCatalog.Names[random.Next(SampleCatalog.Names.Length)];
        json.WriteStartObject();
        json.WriteNumber("rank", 1);
        json.WriteString("strategy", s.Id);
        json.WriteString("objective", s.Objective);
        json.WriteString("scenario", s.Scenario);
        json.WriteString("product", s.Product);
        json.WriteString("channel", s.Channel);
        json.WriteString("script", $"{name}您好，我们为您准备了{s.Product}。");
        json.WriteNumber("score", Math.Round(s.ProductValue * 0.1 * s.RateFactor, 2));
        json.WriteNumber("propensity", 0.1);
        json.WriteEndObject();
    }

    private static void WriteNoise(Stream output, int i)
    {
        var lines = string.Join('\n',
            "{\"customerId\": \"E" + i + "\", \"error\": {\"code\": \"missing-field\", \"message\": \"age is required\"}}",
            "{\"customerId\": \"N" + i + "\", \"map\": \"retail-wealth\", \"at\": \"2026-11-02T00:00:00Z\", \"actions\": []}",
            "{\"customerId\": \"broken line");
        output.Write(System.Text.Encoding.UTF8.GetBytes(lines + "\n"));
    }
}
