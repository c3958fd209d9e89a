using System.Globalization;
using System.Text.Json;

namespace Decisioning.Samples.OutcomeGenerator;

/// <summary>
/// Options of <see cref="OutcomeSimulator"/>. The true conversion rate of a control customer is
/// <see cref="ControlRate"/> times their product's rate factor (1 for products the sample catalog
/// does not know); a model-group customer with an action converts at that times
/// (1 + <see cref="Uplift"/>). Uplift 0: no true difference.
/// </summary>
public sealed record OutcomeOptions(double ControlRate = 0.04, double Uplift = 0.5, int Seed = 20261124, bool Noise = false)
{
    public int WindowDays { get; init; } = 30;

    /// <summary>Chance that a customer who does not convert still responds (clicks, replies).</summary>
    public double ResponseRate { get; init; } = 0.12;
}

/// <summary>
/// Reads a decision log and writes outcome lines (spec section 6) with a known true uplift. Each
/// customer's draws come from the seed and their id only, so the same input gives the same file.
/// </summary>
public static class OutcomeSimulator
{
    public static void Write(TextReader decisions, TextWriter outcomes, OutcomeOptions options)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? line;
        while ((line = decisions.ReadLine()) is not null)
        {
            if (Decision.TryParse(line) is not { } decision || !seen.Add(decision.CustomerId))
            {
                continue;
            }

            Simulate(decision, SeededRandom.For(options.Seed, decision.CustomerId), outcomes, options);
            if (options.Noise && seen.Count % 500 == 0)
            {
                WriteNoise(decision, outcomes, options);
            }
        }
    }

    private static void Simulate(Decision decision, Random random, TextWriter outcomes, OutcomeOptions options)
    {
        var strategy = SampleCatalog.Strategies.FirstOrDefault(s => s.Product == decision.Product);
        var rate = options.ControlRate * (strategy?.RateFactor ?? 1);
        if (decision.Group == "model" && decision.Product is not null)
        {
            rate *= 1 + options.Uplift;
        }

        var converts = random.NextDouble() < rate;
        var responds = converts || random.NextDouble() < options.ResponseRate;
        var product = decision.Product ?? "general";
        var conversionDelay = random.NextDouble() * options.WindowDays * 0.9;
        if (responds)
        {
            Write(outcomes, decision, decision.At.AddDays(conversionDelay * random.NextDouble()), product, "responded", null);
        }

        if (converts)
        {
            var value = Math.Round((strategy?.ProductValue ?? 100) * (0.5 + random.NextDouble()), 2);
            Write(outcomes, decision, decision.At.AddDays(conversionDelay), product, "converted", value);
        }
    }

    private static void WriteNoise(Decision decision, TextWriter outcomes, OutcomeOptions options)
    {
        Write(outcomes, decision, decision.At.AddDays(-1), decision.Product ?? "general", "converted", 10);
        Write(outcomes, decision, decision.At.AddDays(options.WindowDays + 5), decision.Product ?? "general", "converted", 10);
        Write(outcomes, decision with { CustomerId = "unknown-" + decision.CustomerId }, decision.At, "credit-card", "converted", 10);
        outcomes.WriteLine("{\"customerId\": \"X1\", \"at\": \"not a time\", \"kind\": \"converted\"}");
    }

    private static void Write(TextWriter outcomes, Decision decision, DateTimeOffset at, string product, string kind, double? value)
    {
        var valuePart = value is { } v ? ", \"value\": " + v.ToString("0.##", CultureInfo.InvariantCulture) : string.Empty;
        outcomes.WriteLine(
            $"{{\"customerId\": {JsonSerializer.Serialize(decision.CustomerId)}, \"at\": \"{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\", "
            + $"\"product\": {JsonSerializer.Serialize(product)}, \"kind\": \"{kind}\"{valuePart}}}");
    }
}
