using Decisioning.Evaluation;
using Decisioning.Hosting;
using Decisioning.Runtime;
using Decisioning.Snapshots;
using Xunit;

namespace Decisioning.Tests.Hosting;

public class PoliciesAndModelsTests
{
    private static readonly CustomerSnapshot Customer = CustomerSnapshot.FromJson(DemoMap.CustomerJson);

    [Fact]
    public void AddPolicy_Veto_RejectsWithPolicyAndTheRuleNameInTheTrace()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b
            .AddMap(DemoMap.Id, folder.FilePath)
            .AddPolicy(DecisionPolicy.Veto("no-minors", (customer, _, _) => (int)customer.GetValue("age")! >= 18)));

        var decision = fixture.Engine.Decide(DemoMap.Id, Customer, DemoMap.At);

        Assert.Empty(decision.Actions);
        Assert.Equal(new TraceEntry("offer", TraceEntry.Rejected, ReasonCodes.Policy, "no-minors"), decision.Trace[0]);
        Assert.Contains("""{"strategy":"offer","outcome":"rejected","reason":"policy","rule":"no-minors"}""", DecisioningJson.Serialize(decision));
    }

    [Fact]
    public async Task AddPolicy_Factory_IsCalledOncePerMapVersionNeverPerDecision()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        var made = new List<string>();
        using var fixture = new EngineFixture(b => b
            .AddMap(DemoMap.Id, folder.FilePath)
            .Configure(o => o.WatchForChanges = false)
            .AddPolicy(context =>
            {
                lock (made)
                {
                    made.Add(context.Plan.Version);
                }

                return new HalveScores();
            })).Started();

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(0.5, fixture.Engine.Decide(DemoMap.Id, Customer, DemoMap.At).Actions[0].Score);
        }

        folder.Write(DemoMap.Valid(2));
        await fixture.Engine.ReloadAsync(DemoMap.Id);
        fixture.Engine.Decide(DemoMap.Id, Customer, DemoMap.At);

        Assert.Equal(["v1", "v2"], made);
    }

    [Fact]
    public async Task AddPolicy_FactoryThrowsOnReload_VersionIsRefusedAndOldOneServes()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b
            .AddMap(DemoMap.Id, folder.FilePath)
            .Configure(o => o.WatchForChanges = false)
            .AddPolicy(context => context.Plan.Version == "v1" ? null : throw new InvalidOperationException("rules do not compile"))).Started();
        folder.Write(DemoMap.Valid(2));

        var result = await fixture.Engine.ReloadAsync(DemoMap.Id);

        Assert.False(result.Succeeded);
        Assert.Equal("v1", result.Serving.Version);
        Assert.Contains("rules do not compile", Assert.Single(result.Errors));
    }

    [Fact]
    public void AddPolicyOfType_ResolvedOnceFromTheContainer()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath).AddPolicy<HalveScores>());

        var decision = fixture.Engine.Decide(DemoMap.Id, Customer, DemoMap.At);

        Assert.Equal(0.5, decision.Actions[0].Score);
    }

    [Fact]
    public void AddPropensityModel_HostModel_GivesThePropensity()
    {
        using var folder = new TempMapFolder(HostModelMap);
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath).AddPropensityModel("churn-ml", new AgeModel()));

        var action = fixture.Engine.Decide(DemoMap.Id, Customer, DemoMap.At).Actions[0];

        Assert.Equal(0.15, action.Propensity);
        Assert.Equal(0.15 * 4, action.Score, 12);
    }

    [Fact]
    public void Decide_HostModelThatDecidesAnotherCustomer_BothDecisionsAreWhole()
    {
        // The engine decides into a per-thread buffer: a model calling the engine on the same
        // thread, mid-decision, must get its own buffer and leave the outer decision intact.
        using var folder = new TempMapFolder(HostModelMap);
        var model = new ReentrantModel();
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath).AddPropensityModel("churn-ml", model));
        model.Engine = fixture.Engine;

        var decision = fixture.Engine.Decide(DemoMap.Id, Customer, DemoMap.At);

        Assert.Equal("C1", decision.CustomerId);
        Assert.Equal(0.15, decision.Actions[0].Propensity);
        Assert.Equal("C9", Assert.Single(model.Inner).CustomerId);
        Assert.Equal(0.77, model.Inner[0].Actions[0].Propensity);
    }

    [Fact]
    public void Resolve_HostModelNobodyRegistered_FailsAtLoadWithDm071()
    {
        using var folder = new TempMapFolder(HostModelMap);
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));

        var e = Assert.Throws<MapLoadException>(() => fixture.Engine);

        Assert.Contains("error DM071", e.Message);
        Assert.Contains("churn-ml", e.Message);
    }

    private const string HostModelMap = """
        map: demo
        version: "m1"
        customer:
          fields:
            name: string
            age: int
            riskLevel: int
        products:
          - { id: fund, value: 4 }
        channels:
          - { id: app }
        models:
          - { id: churn-ml, kind: host }
        strategies:
          - { id: offer, target: [all], product: fund, channels: [app], priority: 100, propensity: { model: churn-ml } }
        """;

    private sealed class AgeModel : IPropensityModel
    {
        public double Predict(CustomerRecord customer) => customer.GetNumber("age")!.Value / 100;
    }

    private sealed class ReentrantModel : IPropensityModel
    {
        public IDecisionEngine? Engine { get; set; }

        public List<Decision> Inner { get; } = [];

        public double Predict(CustomerRecord customer)
        {
            if (customer.Id == "C1" && Engine is not null)
            {
                Inner.Add(Engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson("""{"customerId":"C9","name":"Li","age":77,"riskLevel":1}"""), DemoMap.At));
            }

            return customer.GetNumber("age")!.Value / 100;
        }
    }

    private sealed class HalveScores : IDecisionPolicy
    {
        public void Review(PolicyReview review)
        {
            foreach (var candidate in review.Candidates)
            {
                review.ScaleScore(candidate, 0.5, "halve");
            }
        }
    }
}
