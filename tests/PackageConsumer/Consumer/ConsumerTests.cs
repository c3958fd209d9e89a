using Decisioning.Evaluation;
using Decisioning.Hosting;
using Decisioning.NRules;
using Decisioning.NRules.Facts;
using Decisioning.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using NRules.Fluent.Dsl;
using Xunit;

namespace PackageConsumer;

/// <summary>What an application gets from the packages alone: AddDecisioning, a decision, an NRules policy.</summary>
public class ConsumerTests
{
    private static readonly string Map = Path.Combine(AppContext.BaseDirectory, "spec-example", "map.yaml");
    private static readonly string Customer = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "spec-example", "customer-C001.json"));
    private static readonly DateTimeOffset At = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AddDecisioning_FromThePackage_Decides()
    {
        using var provider = new ServiceCollection()
            .AddDecisioning(d => d.AddMap("retail-wealth", Map))
            .BuildServiceProvider();

        var decision = provider.GetRequiredService<IDecisionEngine>().Decide("retail-wealth", CustomerSnapshot.FromJson(Customer), At);

        Assert.Equal("2026.11.1", decision.Version);
        Assert.StartsWith("""{"customerId":"C001","map":"retail-wealth","version":"2026.11.1",""", DecisioningJson.Serialize(decision));
    }

    [Fact]
    public void AddNRulesPolicy_FromThePackage_VetoesWithTheRuleName()
    {
        using var provider = new ServiceCollection()
            .AddDecisioning(d => d.AddMap("retail-wealth", Map).AddNRulesPolicy(r => r.From(typeof(NothingForC001))))
            .BuildServiceProvider();
        // Without the spec example's recent contact for the strategy, which puts it in cooldown.
        var snapshot = CustomerSnapshot.FromJson(Customer.Replace("\"strategy\": \"retiree-pension\"", "\"strategy\": \"other\""));

        var decision = provider.GetRequiredService<IDecisionEngine>().Decide("retail-wealth", snapshot, At);

        Assert.Empty(decision.Actions);
        Assert.Contains(decision.Trace, t => t.Reason == ReasonCodes.Policy && t.Rule == "nothing-for-c001");
    }
}

[Name("nothing-for-c001")]
public sealed class NothingForC001 : Rule
{
    public override void Define()
    {
        CustomerFact customer = null!;
        CandidateFact candidate = null!;
        When().Match(() => customer, c => c.Id == "C001").Match(() => candidate);
        Then().Do(ctx => ctx.Veto(candidate));
    }
}
