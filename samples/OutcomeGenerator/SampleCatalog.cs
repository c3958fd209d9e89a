namespace Decisioning.Samples.OutcomeGenerator;

/// <summary>One strategy of the sample map, with its product, channel and conversion propensity.</summary>
public sealed record SampleStrategy(
    string Id, string Objective, string Scenario, string Product, string Channel, double ProductValue, double RateFactor);

/// <summary>
/// The sample's strategies (in the retail-wealth example of the spec) and how likely each one's
/// customers are to convert relative to the base rate.
/// </summary>
public static class SampleCatalog
{
    public static IReadOnlyList<SampleStrategy> Strategies { get; } =
    [
        new("retiree-pension", "aum-growth", "no-pension", "pension-fund", "rm-call", 320, 1.2),
        new("card-activation", "fee", "any-time", "credit-card", "app-push", 80, 1.5),
        new("wealth-upgrade", "aum-growth", "big-deposit", "wealth-plan", "rm-call", 1200, 0.6),
        new("payroll-sms", "fee", "new-client", "payroll-account", "sms", 50, 1.0),
    ];

    /// <summary>Share of customers for whom the map finds no action at all.</summary>
    public const double NoActionShare = 0.15;

    public static readonly string[] Names = ["王女士", "李先生", "张女士", "刘先生", "陈女士", "Ms Smith"];
}
