using System.Globalization;

namespace Decisioning.Samples.AdaptiveLoop;

/// <summary>
/// The one map both arms run: four offers, one channel, one action per customer, 20% of customers
/// in a random-policy control group (which also explores for the adaptive arm). The arms differ
/// only in the propensities: business guesses, or one adaptive model.
/// </summary>
internal static class LoopMap
{
    /// <summary>The constant arm's guesses, one per strategy (the deposit offer looks best on paper).</summary>
    private static readonly Dictionary<string, double> Guesses = new()
    {
        ["pension-offer"] = 0.08, ["card-offer"] = 0.07, ["wealth-offer"] = 0.06, ["deposit-offer"] = 0.09,
    };

    // No isRetiree predictor: retirement is almost fixed by age (80% of customers of 60 and over,
    // 3% below), and naive Bayes counts the evidence of two predictors that say the same thing
    // twice, which made every propensity overconfident (calibration error 0.023 at 20,000
    // interactions with it). The edge at 60 lets the age carry retirement instead (docs/adaptive.md).
    public const string AdaptiveModel = """
          - id: offer-adaptive
            kind: adaptive
            predictors:
              age: [35, 45, 55, 60]
              digital: bool
              tier: category
              city: category
            prior: 0.05
            priorWeight: 20
            minEvidence: 200
            window: 6d
            positive: [converted]
        """;

    public static string Text(bool adaptive, string? state)
    {
        var strategies = string.Concat(Population.Strategies.Select(s =>
        {
            var product = s.Replace("-offer", "", StringComparison.Ordinal);
            var propensity = adaptive ? "{ model: offer-adaptive }" : Guesses[s].ToString(CultureInfo.InvariantCulture);
            return $"  - {{ id: {s}, product: {product}, channels: [app], propensity: {propensity} }}\n";
        }));
        var models = adaptive ? "models:\n" + AdaptiveModel + (state is null ? "" : $"\n    state: {state}") + "\n" : "";
        return $$"""
            map: adaptive-loop
            version: "{{(adaptive ? "adaptive" : "constant")}}"
            customer:
              fields: { age: int, aum: decimal, isRetiree: bool, digital: bool, city: string? }
            tiers:
              - { id: wealth, when: aum >= 500000 }
              - { id: affluent, when: aum >= 50000 }
              - { id: mass, when: "true" }
            products:
              - { id: pension, value: 1 }
              - { id: card, value: 1 }
              - { id: wealth, value: 1 }
              - { id: deposit, value: 1 }
            channels:
              - { id: app }
            experiment:
              id: loop-exploration
              control: 0.2
              controlPolicy: random
            strategies:

            """ + strategies + models;
    }
}
