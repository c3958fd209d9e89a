using System.Collections.Concurrent;
using System.Diagnostics;
using Decisioning.Snapshots;
using Decisioning.Telemetry;
using Decisioning.Tests.Hosting;
using Xunit;

namespace Decisioning.Tests.Telemetry;

public class ActivityTests
{
    [Fact]
    public async Task DecideBatchAndReload_EachRunsInOneActivity()
    {
        // The activity source is process-wide: keep only this test's activities, by its map's version.
        var version = "v" + Random.Shared.Next(1000, 1_000_000);
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == DecisioningTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var folder = new TempMapFolder(DemoMap.Valid(1, version));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath).Configure(o => o.WatchForChanges = false)).Started();

        fixture.Engine.DecideBatch(DemoMap.Id, [CustomerSnapshot.FromJson(DemoMap.CustomerJson), CustomerSnapshot.FromJson("{}")], DemoMap.At);
        folder.Write(DemoMap.Broken(2));
        await fixture.Engine.ReloadAsync(DemoMap.Id);

        var batch = Assert.Single(stopped, a => a.OperationName == DecisioningTelemetry.Activities.Batch && (string?)a.GetTagItem(DecisioningTelemetry.Tags.MapVersion) == version);
        Assert.Equal("demo", batch.GetTagItem(DecisioningTelemetry.Tags.Map));
        Assert.Equal(2, batch.GetTagItem(DecisioningTelemetry.Tags.BatchSize));
        Assert.Equal(1, batch.GetTagItem(DecisioningTelemetry.Tags.BatchErrors));
        Assert.Contains(stopped, a => a.OperationName == DecisioningTelemetry.Activities.MapReload &&
                                      a.Status == ActivityStatusCode.Error &&
                                      (string?)a.GetTagItem(DecisioningTelemetry.Tags.ReloadResult) == DecisioningTelemetry.ReloadResults.Failed);
    }
}
