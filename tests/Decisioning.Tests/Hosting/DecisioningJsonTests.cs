using System.Text.Json;
using Decisioning.Evaluation;
using Decisioning.Hosting;
using Decisioning.Loading;
using Decisioning.Tests.Support;
using Xunit;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.Hosting;

public class DecisioningJsonTests
{
    public static TheoryData<string, string> Decisions => new()
    {
        // The spec's example: experiment present, model or control group by the customer id.
        { "spec-example/map.yaml", File.ReadAllText(TestPaths.Maps("spec-example", "customer-C001.json")) },
        { "spec-example/map.yaml", File.ReadAllText(TestPaths.Maps("spec-example", "customer-C001.json")).Replace("\"C001\"", "\"C0\"") },
        { "spec-example/map.yaml", File.ReadAllText(TestPaths.Maps("spec-example", "customer-C001.json")).Replace("\"C001\"", "\"C5\"") },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Serialize_SourceGeneratedContext_GivesTheSpecLineByteForByte(string map, string customer)
    {
        var plan = MapLoader.Load(TestPaths.Maps(map.Split('/'))).Plan!;
        var decision = new Evaluator(plan).Decide(new SnapshotReader(plan).Read(customer).Customer!, new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(DecisionJson.ToJson(decision), DecisioningJson.Serialize(decision));
    }

    [Fact]
    public void Serialize_ControlGroupAndNoExperiment_WritesOnlyWhatTheSpecWrites()
    {
        var withCounterfactual = Sample() with
        {
            Counterfactual = [new DecisionAction(1, "s", null, null, "p", "c", null, 1.5, 0.5)],
            Experiment = new ExperimentAssignment("e", ExperimentAssignment.ControlGroup, 0.01, 0.1),
        };

        Assert.Equal(DecisionJson.ToJson(withCounterfactual), DecisioningJson.Serialize(withCounterfactual));
        Assert.Equal(DecisionJson.ToJson(Sample()), DecisioningJson.Serialize(Sample()));
        Assert.DoesNotContain("experiment", DecisioningJson.Serialize(Sample()));
        Assert.DoesNotContain("counterfactual", DecisioningJson.Serialize(Sample()));
    }

    [Fact]
    public void Deserialize_DecisionLine_RoundTrips()
    {
        var line = DecisioningJson.Serialize(Sample());

        var back = JsonSerializer.Deserialize(line, DecisioningJsonContext.Default.Decision)!;

        Assert.Equal(line, DecisioningJson.Serialize(back));
    }

    private static Decision Sample() => new(
        "C1", "m", "1", new DateTime(2026, 11, 23, 1, 2, 3, 400, DateTimeKind.Utc), null, "active", ["a"], null,
        [new DecisionAction(1, "s", "o", "sc", "p", "c", "嗨 \"x\"", 31.36, 0.12)], null,
        [new TraceEntry("s", TraceEntry.Selected, null), new TraceEntry("t", TraceEntry.Rejected, ReasonCodes.Policy, "rule-1")]);
}
