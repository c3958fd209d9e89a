using Decisioning.Evaluation;
using Decisioning.Snapshots;
using Decisioning.Tests.Hosting;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Xunit;
using static Decisioning.Telemetry.DecisioningTelemetry;

namespace Decisioning.Tests.Telemetry;

public class MetricsTests
{
    private static readonly CustomerSnapshot Minor = CustomerSnapshot.FromJson(DemoMap.CustomerJson);

    [Fact]
    public void Decide_CountsTheDecisionByMapAndVersion()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(3));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));
        using var decisions = fixture.Collect<long>(Instruments.Decisions);

        fixture.Engine.Decide(DemoMap.Id, Minor, DemoMap.At);
        fixture.Engine.Decide(DemoMap.Id, Minor, DemoMap.At);

        var all = decisions.GetMeasurementSnapshot();
        Assert.Equal(2, all.Sum(m => m.Value));
        Assert.All(all, m => Assert.Equal(new Dictionary<string, object?> { [Tags.Map] = "demo", [Tags.MapVersion] = "v3" }, m.Tags));
    }

    [Fact]
    public void Decide_WithAnExperiment_TagsTheGroup()
    {
        var map = Decisioning.Tests.Support.TestPaths.Maps("spec-example", "map.yaml");
        var customer = File.ReadAllText(Decisioning.Tests.Support.TestPaths.Maps("spec-example", "customer-C001.json"));
        using var fixture = new EngineFixture(b => b.AddMap("retail-wealth", map));
        using var decisions = fixture.Collect<long>(Instruments.Decisions);

        var decision = fixture.Engine.Decide("retail-wealth", CustomerSnapshot.FromJson(customer), DemoMap.At);

        Assert.Equal(decision.Experiment!.Group, decisions.LastMeasurement!.Tags[Tags.ExperimentGroup]);
    }

    [Fact]
    public void Decide_RecordsItsDurationInSeconds()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));
        using var duration = fixture.Collect<double>(Instruments.DecisionDuration);

        fixture.Engine.Decide(DemoMap.Id, Minor, DemoMap.At);

        var seconds = Assert.Single(duration.GetMeasurementSnapshot()).Value;
        Assert.InRange(seconds, 1e-9, 5);
        Assert.Equal("s", duration.Instrument!.Unit);
    }

    [Fact]
    public void Decide_CountsRejectionsByStrategyAndReasonAndActionsByStrategyAndChannel()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));
        using var rejections = fixture.Collect<long>(Instruments.Rejections);
        using var actions = fixture.Collect<long>(Instruments.Actions);

        fixture.Engine.Decide(DemoMap.Id, Minor, DemoMap.At);

        var rejection = Assert.Single(rejections.GetMeasurementSnapshot());
        Assert.Equal(ReasonCodes.NotTargeted, rejection.Tags[Tags.Reason]);
        Assert.Equal("adults-only", rejection.Tags[Tags.Strategy]);
        var action = Assert.Single(actions.GetMeasurementSnapshot());
        Assert.Equal(new Dictionary<string, object?> { [Tags.Map] = "demo", [Tags.Strategy] = "offer", [Tags.Channel] = "app" }, action.Tags);
    }

    [Fact]
    public void TryDecide_InvalidSnapshot_CountsTheErrorCode()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));
        using var errors = fixture.Collect<long>(Instruments.SnapshotErrors);
        using var decisions = fixture.Collect<long>(Instruments.Decisions);

        fixture.Engine.TryDecide(DemoMap.Id, CustomerSnapshot.FromJson("[]"), DemoMap.At, out _, out _);

        Assert.Equal(SnapshotErrorCodes.NotAnObject, Assert.Single(errors.GetMeasurementSnapshot()).Tags[Tags.ErrorType]);
        Assert.Empty(decisions.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task ReloadAsync_CountsSucceededAndFailedReloads()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath).Configure(o => o.WatchForChanges = false)).Started();
        using var reloads = fixture.Collect<long>(Instruments.MapReloads);

        folder.Write(DemoMap.Broken(2));
        await fixture.Engine.ReloadAsync(DemoMap.Id);
        folder.Write(DemoMap.Valid(3));
        await fixture.Engine.ReloadAsync(DemoMap.Id);
        await fixture.Engine.ReloadAsync(DemoMap.Id);

        Assert.Equal(1, Sum(reloads, ReloadResults.Failed));
        Assert.Equal(2, Sum(reloads, ReloadResults.Succeeded));
    }

    [Fact]
    public async Task ReloadAsync_Failed_IsTaggedWithItsFirstErrorsCode()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath).Configure(o => o.WatchForChanges = false)).Started();
        using var reloads = fixture.Collect<long>(Instruments.MapReloads);

        folder.Write(DemoMap.Broken(2));
        var result = await fixture.Engine.ReloadAsync(DemoMap.Id);

        Assert.False(result.Succeeded);
        var failed = Assert.Single(reloads.GetMeasurementSnapshot());
        Assert.Equal(result.Diagnostics[0].Code, failed.Tags[Tags.ErrorType]);
    }

    [Fact]
    public void Meter_BelongsToTheContainer_AnotherContainerSeesNothing()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var one = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));
        using var other = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));
        using var decisions = other.Collect<long>(Instruments.Decisions);

        one.Engine.Decide(DemoMap.Id, Minor, DemoMap.At);

        Assert.Empty(decisions.GetMeasurementSnapshot());
    }

    private static long Sum(MetricCollector<long> collector, string result) =>
        collector.GetMeasurementSnapshot().Where(m => (string?)m.Tags[Tags.ReloadResult] == result).Sum(m => m.Value);
}
