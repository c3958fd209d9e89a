using Decisioning.NRules.Facts;
using NRules.Fluent.Dsl;

namespace Decisioning.NRules.Tests.SampleRules;

/// <summary>A host service the rule takes through its constructor: customers under a compliance hold.</summary>
public sealed class ComplianceHolds(IEnumerable<string> customerIds)
{
    private readonly HashSet<string> _held = [.. customerIds];

    public bool IsHeld(string customerId) => _held.Contains(customerId);
}

/// <summary>No action at all for a customer under a compliance hold. Activated from the container.</summary>
[Name("compliance-hold")]
[Tag("container")]
public sealed class BlockedCustomersRule(ComplianceHolds holds) : Rule
{
    public override void Define()
    {
        CustomerFact customer = null!;
        CandidateFact candidate = null!;

        When()
            .Match(() => customer, c => holds.IsHeld(c.Id))
            .Match(() => candidate);

        Then()
            .Do(ctx => ctx.Veto(candidate));
    }
}
