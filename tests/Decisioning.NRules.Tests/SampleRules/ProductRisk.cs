namespace Decisioning.NRules.Tests.SampleRules;

/// <summary>
/// A host's product catalogue entry, inserted as a fact into every session: whether the product is
/// an investment, and the risk level (C1..C5 as 1..5) a customer needs to be sold it.
/// </summary>
public sealed record ProductRisk(string ProductId, bool IsInvestment, int RiskLevel)
{
    public static IReadOnlyList<ProductRisk> Catalogue { get; } =
    [
        new("pension-fund", IsInvestment: true, RiskLevel: 3),
        new("equity-fund", IsInvestment: true, RiskLevel: 4),
        new("time-deposit", IsInvestment: false, RiskLevel: 1),
    ];
}
