using Decisioning.NRules.Facts;
using NRules.Fluent.Dsl;

namespace Decisioning.NRules.Tests.SampleRules;

/// <summary>Customers of 70 and over answer app pushes less: halve the score of app offers to them.</summary>
[Name("seniors-prefer-calls")]
public sealed class SeniorsPreferCallsRule : Rule
{
    public override void Define()
    {
        CustomerFact customer = null!;
        CandidateFact candidate = null!;

        When()
            .Match(() => customer, c => c.Int("age") >= 70)
            .Match(() => candidate, c => c.Channel == "app-push");

        Then()
            .Do(ctx => ctx.ScaleScore(candidate, 0.5));
    }
}
