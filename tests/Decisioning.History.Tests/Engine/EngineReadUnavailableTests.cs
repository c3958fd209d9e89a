using System.Diagnostics.Metrics;
using Decisioning.History.Tests.Support;
using Decisioning.Hosting;
using Decisioning.Snapshots;
using Decisioning.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

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
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

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
        _time.Advance(TimeSpan.FromMilliseconds(50)); // past the pause the failed read began
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
    public async Task SnapshotOnly_WhileTheStoreIsUnavailable_OneDecisionProbesIt_AtGrowingIntervals_TheOthersDoNotWait()
    {
        using var host = await Start(o => o.WhenReadUnavailable = HistoryReadUnavailableMode.SnapshotOnly);
        var engine = host.Services.GetRequiredService<IDecisionEngine>();
        _store.Append(HistoryBatch.Of([new ContactEntry("C1", TinyMap.At, "app", "offer-fund", "fund")]));
        _store.Failure = new TimeoutException("no answer from the server");
        Action decide = () => engine.Decide(TinyMap.Id, CustomerSnapshot.FromJson(TinyMap.Customer("C1")), TinyMap.At.AddDays(1));

        // A hundred decisions in the same instant: one tries the store, none of the others waits on it.
        for (var i = 0; i < 100; i++)
        {
            decide();
        }

        Assert.Equal(1, _store.Reads);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        decide();
        decide();
        Assert.Equal(2, _store.Reads); // the probe after 50 ms; the pause is now 100 ms
        _time.Advance(TimeSpan.FromMilliseconds(60));
        decide();
        Assert.Equal(2, _store.Reads);

        // Back: the next probe reads, and every decision reads again.
        _store.Failure = null;
        _time.Advance(TimeSpan.FromMilliseconds(40));
        var probe = engine.Decide(TinyMap.Id, CustomerSnapshot.FromJson(TinyMap.Customer("C1")), TinyMap.At.AddDays(1));
        decide();
        Assert.Equal(4, _store.Reads);
        Assert.Equal("cooldown", probe.Trace.Single(t => t.Strategy == "offer-fund").Reason);
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
        builder.Services.AddSingleton<TimeProvider>(_time);
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
        private int _reads;

        public volatile Exception? Failure;

        public int Reads => Volatile.Read(ref _reads);

        public override CustomerHistory Read(string customerId, DateTime from, DateTime to)
        {
            Interlocked.Increment(ref _reads);
            return Failure is { } failure ? throw failure : base.Read(customerId, from, to);
        }
    }
}
