using Decisioning.NRules.Facts;
using NRules.Fluent.Dsl;

namespace Decisioning.NRules.Tests.SampleRules;

/// <summary>
/// 适当性管理: no investment product to a customer whose risk level is below the product's.
/// </summary>
[Name("investment-suitability")]
public sealed class InvestmentSuitabilityRule : Rule
{
    public override void Define()
    {
        CustomerFact customer = null!;
        CandidateFact candidate = null!;
        ProductRisk product = null!;

        When()
            .Match(() => customer)
            .Match(() => candidate)
            .Match(() => product, p => p.ProductId == candidate.Product, p => p.IsInvestment,
                p => customer.Int("riskLevel") < p.RiskLevel);

        Then()
            .Do(ctx => ctx.Veto(candidate));
    }
}
