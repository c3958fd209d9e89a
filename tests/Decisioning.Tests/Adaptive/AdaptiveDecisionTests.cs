using Decisioning.Evaluation;
using Decisioning.Hosting;
using Decisioning.Loading;
using Decisioning.Plan;
using Xunit;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.Adaptive;

/// <summary>Deciding with an adaptive model: the trace, both decision paths, no allocation, and states that do not fit.</summary>
public sealed class AdaptiveDecisionTests : IDisposable
{
    private static readonly DateTime At = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly AdaptiveMaps _maps = new();

    private static readonly string[] Customers =
    [
        """{"customerId": "A", "age": 50, "aum": 200000, "isRetiree": true, "city": "上海"}""",
        """{"customerId": "B", "age": null, "aum": 60000, "isRetiree": false}""",
        """{"customerId": "C", "age": 20, "aum": 0, "isRetiree": false, "city": "北京"}""",
    ];

    // A state for m1 / s-fund with P = 30, N = 70 (mature at minEvidence 4), counts spread over every bin.
    private DecisionPlan Learned()
    {
        var plan = _maps.Load(AdaptiveMaps.HandModel);
        var state = new AdaptiveState { At = At };
        var instance = ((AdaptivePropensity)plan.Strategies[0].Propensity).Model.Empty("s-fund");
        instance.Positives = 30;
        instance.Negatives = 70;
        instance.Predictors[0].Fixed[1] = new BinCount(10, 50);
        instance.Predictors[0].Fixed[2] = new BinCount(20, 20);
        instance.Predictors[1].Fixed[1] = new BinCount(5, 60);
        instance.Predictors[1].Fixed[2] = new BinCount(25, 10);
        instance.Predictors[2].Values["rich"] = new BinCount(25, 15);
        instance.Predictors[2].Fixed[0] = new BinCount(5, 55);
        state.Instances[("m1", "s-fund")] = instance;
        return _maps.Load(AdaptiveMaps.HandModel, AdaptiveStateJson.ToJson(state));
    }

    [Fact]
    public void Decide_AdaptiveStrategy_TraceNamesModelAndEvidence()
    {
        var plan = Learned();
        var decision = new Evaluator(plan).Decide(new SnapshotReader(plan).Read(Customers[0]).Customer!, At);
        var line = DecisionJson.ToJson(decision);

        Assert.Contains("""{"strategy":"s-fund","outcome":"selected","model":"m1","evidence":100}""", line);
        // A constant propensity's line is as it always was.
        Assert.Contains("""{"strategy":"s-card","outcome":"rejected","reason":"arbitration"}""", line);
    }

    [Fact]
    public void DecideInto_AdaptiveMap_WritesTheSameLineAsDecide()
    {
        var plan = Learned();
        var evaluator = new Evaluator(plan);
        var buffer = new DecisionBuffer(plan);
        var reader = new SnapshotReader(plan);
        foreach (var json in Customers)
        {
            var customer = reader.Read(json).Customer!;
            evaluator.DecideInto(customer, At, buffer);
            var expected = DecisionJson.ToJson(evaluator.Decide(customer, At));
            Assert.Equal(expected, DecisionJson.ToJson(buffer));
            Assert.Equal(expected, DecisionJson.ToJson(buffer.ToDecision()));
            // The host's serializer (source-generated) writes the same line.
            Assert.Equal(expected, DecisioningJson.Serialize(evaluator.Decide(customer, At)));
        }
    }

    [Fact]
    public void DecideInto_AdaptiveMap_AllocatesNothingPerDecision()
    {
        var plan = Learned();
        var evaluator = new Evaluator(plan);
        var buffer = new DecisionBuffer(plan);
        var reader = new SnapshotReader(plan);
        var customers = Customers.Select(c => reader.Read(c).Customer!).ToArray();
        for (var i = 0; i < 2000; i++)
        {
            evaluator.DecideInto(customers[i % customers.Length], At, buffer);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 300; i++)
        {
            evaluator.DecideInto(customers[i % customers.Length], At, buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Load_StateLearnedWithOtherEdges_IsReportedAtTheStateKey()
    {
        var plan = _maps.Load(AdaptiveMaps.HandModel);
        var state = new AdaptiveState { At = At };
        state.Instances[("m1", "s-fund")] = ((AdaptivePropensity)plan.Strategies[0].Propensity).Model.Empty("s-fund");
        _maps.Write("state.json", AdaptiveStateJson.ToJson(state));

        var changed = AdaptiveMaps.HandModel.Replace("age: [40]", "age: [40, 60]") + "\n    state: state.json";
        var result = MapLoader.Load(_maps.Write("map.yaml", AdaptiveMaps.Map(changed)));

        var error = Assert.Single(result.Errors);
        Assert.Equal("DM074", error.Code);
        Assert.Contains("learned with other predictors for model 'm1'", error.Message);
        Assert.Equal(28, error.Location.Line); // the line of `state: state.json`
    }

    [Fact]
    public void MapHash_StateFileChanged_Changes()
    {
        var before = Learned().MapHash;
        var same = _maps.Load(AdaptiveMaps.HandModel + "\n    state: state.json").MapHash;
        var state = File.ReadAllText(Path.Combine(_maps.Folder, "state.json")).Replace("\"positives\": 30", "\"positives\": 31");
        var after = _maps.Load(AdaptiveMaps.HandModel, state).MapHash;

        Assert.StartsWith("sha256:", before);
        Assert.Equal(before, same);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Load_StateThatIsNotJson_IsReportedWithTheReason()
    {
        _maps.Write("state.json", "{\"format\": \"something-else\"}");
        var result = MapLoader.Load(_maps.Write("map.yaml", AdaptiveMaps.Map(AdaptiveMaps.HandModel + "\n    state: state.json")));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("DM074", "state file 'state.json' is not a state: 'format' must be \"decisioning-adaptive-state/1\""), (error.Code, error.Message));
    }

    [Fact]
    public void Load_StateWhoseEvidenceExceedsLongMaxValue_IsReportedWithTheReason()
    {
        // Each count is a valid long; their sum, the evidence, wrapped negative and the model used its prior.
        Learned();
        var state = File.ReadAllText(Path.Combine(_maps.Folder, "state.json")).Replace("\"positives\": 30", $"\"positives\": {long.MaxValue}");
        _maps.Write("state.json", state);

        var result = MapLoader.Load(_maps.Write("map.yaml", AdaptiveMaps.Map(AdaptiveMaps.HandModel + "\n    state: state.json")));

        var error = Assert.Single(result.Errors);
        Assert.Equal("DM074", error.Code);
        Assert.Contains($"'positives' + 'negatives' of model 'm1' of strategy 's-fund' exceed {long.MaxValue}", error.Message);
    }

    public void Dispose() => _maps.Dispose();
}
