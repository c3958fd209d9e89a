using System.Diagnostics.Metrics;
using Decisioning.History.Tests.Support;
using Decisioning.Hosting;
using Decisioning.Snapshots;
using Decisioning.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;

namespace Decisioning.History.Tests.Engine;

/// <summary>
/// A decision whose history cannot be read for now: it fails by default, and with
/// <see cref="HistoryReadUnavailableMode.SnapshotOnly"/> it is made on the snapshot alone,
/// counted and logged; a read that fails for another reason fails the decision in both modes.
/// </summary>
public sealed class EngineReadUnavailableTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly UnreadableHistory _store = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ByDefault_AStoreThatCannotBeRead_FailsTheDecision()
    {
        using var host = await Start(_ => { });
        var engine = host.Services.GetRequiredService<IDecisionEngine>();
        _store.Failure = new IOException("connection refused");

        var thrown = Assert.Throws<IOException>(() => engine.Decide(TinyMap.Id, CustomerSnapshot.FromJson(TinyMap.Customer("C1")), TinyMap.At));
        Assert.Same(_store.Failure, thrown);
    }

    [Fact]
    public async Task SnapshotOnly_AStoreThatCannotBeRead_DecidesOnTheSnapshot_CountsAndLogsIt()
    {
        using var host = await Start(o => o.WhenReadUnavailable = HistoryReadUnavailableMode.SnapshotOnly);
        var engine = host.Services.GetRequiredService<IDecisionEngine>();
        using var reads = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), DecisioningTelemetry.MeterName,
            DecisioningTelemetry.Instruments.HistoryUnavailableReads);
        // A contact only the store holds: it puts offer-fund in cooldown, when the store can be read.
        _store.Append(HistoryBatch.Of([new ContactEntry("C1", TinyMap.At, "app", "offer-fund", "fund")]));

        _store.Failure = new TimeoutException("no answer from the server");
        var during = engine.Decide(TinyMap.Id, CustomerSnapshot.FromJson(TinyMap.Customer("C1")), TinyMap.At.AddDays(1));
        engine.Decide(TinyMap.Id, CustomerSnapshot.FromJson(TinyMap.Customer("C2")), TinyMap.At.AddDays(1));
        _store.Failure = null;
        var after = engine.Decide(TinyMap.Id, CustomerSnapshot.FromJson(TinyMap.Customer("C1")), TinyMap.At.AddDays(1));

        Assert.Equal("offer-fund", during.Actions[0].Strategy);
        Assert.Equal("cooldown", after.Trace.Single(t => t.Strategy == "offer-fund").Reason);
        Assert.Equal(2, reads.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.All(reads.GetMeasurementSnapshot(), m => Assert.Equal(TinyMap.Id, m.Tags[DecisioningTelemetry.Tags.Map]));
        // Logged once for the two: at the first, then at most every 30 s.
        var logged = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Name == "HistoryReadUnavailable");
        Assert.IsType<TimeoutException>(logged.Exception);
    }

    [Fact]
    public async Task SnapshotOnly_AReadThatFailsForAnotherReason_StillFailsTheDecision()
    {
        using var host = await Start(o => o.WhenReadUnavailable = HistoryReadUnavailableMode.SnapshotOnly);
        var engine = host.Services.GetRequiredService<IDecisionEngine>();
        _store.Failure = new InvalidOperationException("the store's schema is newer than this library");

        Assert.Throws<InvalidOperationException>(() => engine.Decide(TinyMap.Id, CustomerSnapshot.FromJson(TinyMap.Customer("C1")), TinyMap.At));
    }

    [Fact]
    public void WhenReadUnavailable_NotAMode_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HistoryOptions { WhenReadUnavailable = (HistoryReadUnavailableMode)7 }.Validate());

    private async Task<IHost> Start(Action<HistoryOptions> options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _folder.Path });
        builder.Services.AddFakeLogging();
        var map = TinyMap.Write(_folder.Path);
        builder.Services.AddDecisioning(d =>
        {
            d.AddMap(TinyMap.Id, map);
            d.Configure(o => o.WatchForChanges = false);
            d.UseHistory(_ => _store, options);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    // An in-memory history whose reads throw Failure while it is set.
    private sealed class UnreadableHistory : DelegatingHistory
    {
        public volatile Exception? Failure;

        public override CustomerHistory Read(string customerId, DateTime from, DateTime to) =>
            Failure is { } failure ? throw failure : base.Read(customerId, from, to);
    }
}
