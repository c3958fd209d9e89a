using System.Collections.Concurrent;
using System.Diagnostics;
using Decisioning.Evaluation;
using Decisioning.Hosting;
using Decisioning.Loading;
using Decisioning.Snapshots;
using Decisioning.Telemetry;
using Microsoft.Extensions.Logging;
using Xunit;
using Xunit.Abstractions;
using Decisioning.Serialization;

namespace Decisioning.Tests.Hosting;

/// <summary>A map's shadow: decides after the served map, off the caller's path, never served (spec section 14).</summary>
public class ShadowTests(ITestOutputHelper output)
{
    private static readonly string[] Customers =
    [
        """{"customerId": "C1", "name": "Wang", "age": 15, "riskLevel": 2}""",
        """{"customerId": "C2", "name": "Li", "age": 30, "riskLevel": 3}""",
        """{"customerId": "C3", "name": "Zhao", "age": 61, "riskLevel": 1}""",
    ];

    [Fact]
    public void DecideFrom8Threads_BothMapsHotReloaded_ServedEqualsTheChampionAloneAndEveryShadowRecordTheShadowAlone()
    {
        const int threads = 8;
        const int rewrites = 20;
        var duration = TimeSpan.FromSeconds(4);
        using var champion = new TempMapFolder(DemoMap.Valid(0));
        using var challenger = new TempMapFolder(DemoMap.Valid(1000));
        var records = new ConcurrentQueue<ShadowDecision>();
        using var fixture = new EngineFixture(b => b
            .AddMap(DemoMap.Id, champion.FilePath)
            .AddShadow(DemoMap.Id, challenger.FilePath)
            .AddShadowObserver(new Collecting(records))
            .Configure(o =>
            {
                o.ReloadDebounce = TimeSpan.FromMilliseconds(20);
                // Every served decision is shadowed, so that the records can be counted against them.
                o.ShadowQueueFullMode = ShadowQueueFullMode.Wait;
                o.ShadowQueueCapacity = 64;
            }));
        var engine = fixture.Engine;
        var snapshots = Customers.Select(CustomerSnapshot.FromJson).ToArray();
        var expected = new Expected();
        var violations = new ConcurrentQueue<string>();
        var served = new ConcurrentDictionary<Decision, bool>(ReferenceEqualityComparer.Instance);
        using var stop = new CancellationTokenSource();

        var deciders = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var i = t;
            while (!stop.IsCancellationRequested)
            {
                var customer = i++ % Customers.Length;
                try
                {
                    var decision = engine.Decide(DemoMap.Id, snapshots[customer], DemoMap.At);
                    served[decision] = true;
                    if (DecisionJson.ToJson(decision) != expected.Json(decision.Version, customer))
                    {
                        violations.Enqueue($"served {DecisionJson.ToJson(decision)} is not version {decision.Version} alone");
                    }
                }
                catch (Exception e)
                {
                    violations.Enqueue(e.ToString());
                }
            }
        }) { IsBackground = true }).ToList();

        var clock = Stopwatch.StartNew();
        deciders.ForEach(d => d.Start());
        for (var i = 1; i <= rewrites; i++)
        {
            champion.Write(DemoMap.Valid(i));
            // The last rewrite is valid: a broken one last could land before the reload of the one
            // before it ran (debounced, on a loaded machine), and that version would never serve.
            challenger.Write(i % 5 == 0 && i < rewrites ? DemoMap.Broken(i) : DemoMap.Valid(1000 + i));
            Thread.Sleep(duration / rewrites);
        }

        stop.Cancel();
        deciders.ForEach(d => d.Join());
        EngineFixture.WaitUntil(() => records.Count >= served.Count, $"every one of {served.Count} decisions is shadowed");

        var versions = records.Select(r => r.ShadowVersion).Distinct().Count();
        output.WriteLine($"{served.Count} decisions, {records.Count} shadow records from {versions} shadow versions in {clock.Elapsed}");
        Assert.Empty(violations.Take(5));
        Assert.Equal(served.Count, records.Count);
        foreach (var record in records)
        {
            Assert.True(served.ContainsKey(record.Served), "the record carries the decision the caller got");
            var customer = Array.FindIndex(Customers, c => c.Contains($"\"{record.Served.CustomerId}\"", StringComparison.Ordinal));
            Assert.Null(record.ShadowError);
            Assert.Equal(record.ShadowVersion, record.Shadow!.Version);
            Assert.Equal(expected.Json(record.ShadowVersion, customer), DecisionJson.ToJson(record.Shadow));
            Assert.Equal(record.Served.At, record.Shadow.At);
        }

        // How many shadow versions the records show depends on how fast the machine decided between
        // two rewrites; that the shadow reloaded while serving is what counts.
        Assert.True(versions >= 2, $"the shadow reloaded: {versions} versions decided");
        // Reloads are asynchronous (debounced file events): the last rewrite is served once its reload has run.
        EngineFixture.WaitUntil(() => engine.GetMap(DemoMap.Id)!.Version == $"v{rewrites}", $"the champion serves v{rewrites}");
        EngineFixture.WaitUntil(() => engine.GetMap(DemoMap.Id)!.Shadow!.Version == $"v{1000 + rewrites}",
            $"the shadow serves v{1000 + rewrites} (its reload is as asynchronous as the champion's)");
    }

    [Fact]
    public void Shadow_AgreesOrNotOnTheFirstAction_CountedByAgreementAndGivenToObservers()
    {
        using var champion = new TempMapFolder(DemoMap.Valid(1));
        // The challenger prefers the adults' strategy: it agrees on minors only.
        using var challenger = new TempMapFolder(DemoMap.Valid(2).Replace("priority: 100", "priority: 1", StringComparison.Ordinal));
        var records = new ConcurrentQueue<ShadowDecision>();
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, champion.FilePath).AddShadow(DemoMap.Id, challenger.FilePath)
            .AddShadowObserver(new Collecting(records)));
        using var decisions = fixture.Collect<long>(DecisioningTelemetry.Instruments.ShadowDecisions);

        var minor = fixture.Engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson(Customers[0]), DemoMap.At);
        var adult = fixture.Engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson(Customers[1]), DemoMap.At);
        EngineFixture.WaitUntil(() => records.Count == 2, "both are shadowed");

        Assert.Equal(["v1", "v1"], new[] { minor.Version, adult.Version });
        var byCustomer = records.ToDictionary(r => r.Served.CustomerId);
        Assert.True(byCustomer["C1"].AgreesOnFirstAction);
        Assert.False(byCustomer["C2"].AgreesOnFirstAction);
        Assert.Equal("adults-only", byCustomer["C2"].Shadow!.Actions[0].Strategy);
        Assert.Same(adult, byCustomer["C2"].Served);
        var counts = decisions.GetMeasurementSnapshot();
        Assert.Equal(1, counts.Where(m => m.Tags[DecisioningTelemetry.Tags.ShadowAgreement] as string == "agreed").Sum(m => m.Value));
        Assert.Equal(1, counts.Where(m => m.Tags[DecisioningTelemetry.Tags.ShadowAgreement] as string == "disagreed").Sum(m => m.Value));
        Assert.All(counts, m => Assert.Equal("v2", m.Tags[DecisioningTelemetry.Tags.MapVersion]));
    }

    [Fact]
    public void Shadow_WithoutObserversOrHistory_StillCountsAgreementOnTheFirstAction()
    {
        // Nobody takes the shadow's decision: it is decided into a pooled buffer, and only counted.
        using var champion = new TempMapFolder(DemoMap.Valid(1));
        using var challenger = new TempMapFolder(DemoMap.Valid(2).Replace("priority: 100", "priority: 1", StringComparison.Ordinal));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, champion.FilePath).AddShadow(DemoMap.Id, challenger.FilePath));
        using var decisions = fixture.Collect<long>(DecisioningTelemetry.Instruments.ShadowDecisions);

        fixture.Engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson(Customers[0]), DemoMap.At);
        fixture.Engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson(Customers[1]), DemoMap.At);
        fixture.Engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson(Customers[2]), DemoMap.At);
        EngineFixture.WaitUntil(() => decisions.GetMeasurementSnapshot().Sum(m => m.Value) == 3, "the three are shadowed");

        var counts = decisions.GetMeasurementSnapshot();
        Assert.Equal(1, counts.Where(m => m.Tags[DecisioningTelemetry.Tags.ShadowAgreement] as string == "agreed").Sum(m => m.Value));
        Assert.Equal(2, counts.Where(m => m.Tags[DecisioningTelemetry.Tags.ShadowAgreement] as string == "disagreed").Sum(m => m.Value));
    }

    [Fact]
    public void Shadow_WithTheFieldsInAnotherOrder_ReadsTheSnapshotItself()
    {
        // Same schema: the shadow decides the record the served map read. Here the two int fields
        // swap places, so the served record's slots would give the shadow riskLevel as age.
        var reordered = DemoMap.Valid(2).Replace("    age: int\n    riskLevel: int", "    riskLevel: int\n    age: int", StringComparison.Ordinal);
        Assert.NotEqual(DemoMap.Valid(2), reordered);
        using var champion = new TempMapFolder(DemoMap.Valid(1));
        using var challenger = new TempMapFolder(reordered);
        var records = new ConcurrentQueue<ShadowDecision>();
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, champion.FilePath).AddShadow(DemoMap.Id, challenger.FilePath)
            .AddShadowObserver(new Collecting(records)));
        var plan = MapLoader.LoadText(reordered).Plan!;
        var adult = CustomerSnapshot.FromJson(Customers[1]);

        fixture.Engine.Decide(DemoMap.Id, adult, DemoMap.At);
        EngineFixture.WaitUntil(() => records.Count == 1, "the decision is shadowed");

        var alone = new Evaluator(plan).Decide(adult.Read(plan).Customer!, DemoMap.At);
        Assert.Equal(DecisionJson.ToJson(alone), DecisionJson.ToJson(records.Single().Shadow!));
        Assert.Contains("adults", alone.Segments);
    }

    [Fact]
    public void Shadow_CannotReadTheSnapshotOrObserverThrows_CallerUnaffectedAndErrorsCounted()
    {
        using var champion = new TempMapFolder(DemoMap.Valid(1));
        // The challenger needs a field the snapshots do not have.
        using var challenger = new TempMapFolder(DemoMap.Valid(2).Replace("riskLevel: int", "riskLevel: int\n    city: string", StringComparison.Ordinal));
        var records = new ConcurrentQueue<ShadowDecision>();
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, champion.FilePath).AddShadow(DemoMap.Id, challenger.FilePath)
            .AddShadowObserver(new Throwing()).AddShadowObserver(new Collecting(records)));
        using var errors = fixture.Collect<long>(DecisioningTelemetry.Instruments.ShadowErrors);

        var decision = fixture.Engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson(Customers[0]), DemoMap.At);
        EngineFixture.WaitUntil(() => records.Count == 1, "the snapshot reached the observers");

        Assert.Equal("v1", decision.Version);
        var record = Assert.Single(records);
        Assert.Null(record.Shadow);
        Assert.Equal(SnapshotErrorCodes.MissingField, record.ShadowError!.Code);
        Assert.False(record.AgreesOnFirstAction);
        var types = errors.GetMeasurementSnapshot().Select(m => m.Tags[DecisioningTelemetry.Tags.ErrorType] as string).Order().ToList();
        Assert.Equal(["missing-field", "observer"], types);
        Assert.Contains(fixture.LogsOf("ShadowFailed"), l => l.Level == LogLevel.Warning && l.Message.Contains(nameof(Throwing)));
    }

    [Fact]
    public void ShadowQueueFull_DropNewest_CallersDoNotWaitAndDropsAreCounted()
    {
        using var champion = new TempMapFolder(DemoMap.Valid(1));
        using var challenger = new TempMapFolder(DemoMap.Valid(2));
        using var release = new ManualResetEventSlim();
        var blocking = new Blocking(release);
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, champion.FilePath).AddShadow(DemoMap.Id, challenger.FilePath)
            .AddShadowObserver(blocking).Configure(o => o.ShadowQueueCapacity = 1));
        using var drops = fixture.Collect<long>(DecisioningTelemetry.Instruments.ShadowDrops);
        var snapshot = CustomerSnapshot.FromJson(Customers[0]);

        fixture.Engine.Decide(DemoMap.Id, snapshot, DemoMap.At);
        EngineFixture.WaitUntil(() => blocking.Entered, "the worker is busy with the first snapshot");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("v1", fixture.Engine.Decide(DemoMap.Id, snapshot, DemoMap.At).Version);
        }

        var elapsed = clock.Elapsed;
        release.Set();

        // One waits in the queue, nine are dropped; no caller waited for the blocked shadow.
        Assert.Equal(9, drops.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"callers took {elapsed}");
    }

    [Fact]
    public async Task PromoteShadow_ShadowServesOldVersionShadowsAndEachReloadsFromItsOwnSource()
    {
        using var champion = new TempMapFolder(DemoMap.Valid(1));
        using var challenger = new TempMapFolder(DemoMap.Valid(2));
        var records = new ConcurrentQueue<ShadowDecision>();
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, champion.FilePath).AddShadow(DemoMap.Id, challenger.FilePath)
            .AddShadowObserver(new Collecting(records)).Configure(o => o.WatchForChanges = false));
        using var promotions = fixture.Collect<long>(DecisioningTelemetry.Instruments.ShadowPromotions);
        var engine = fixture.Engine;
        var snapshot = CustomerSnapshot.FromJson(Customers[0]);

        var result = await engine.PromoteShadowAsync(DemoMap.Id);
        var decision = engine.Decide(DemoMap.Id, snapshot, DemoMap.At);
        EngineFixture.WaitUntil(() => records.Count == 1, "the decision is shadowed");

        Assert.Equal(("v2", "v1"), (result.Serving.Version, result.PreviousVersion));
        Assert.Equal("v2", decision.Version);
        Assert.Equal("v1", Assert.Single(records).ShadowVersion);
        var info = engine.GetMap(DemoMap.Id)!;
        Assert.Equal((2L, "v1"), (info.Generation, info.Shadow!.Version));
        Assert.EndsWith(challenger.FilePath, info.Source, StringComparison.Ordinal);
        Assert.Equal(1, promotions.GetMeasurementSnapshot().Sum(m => m.Value));
        var log = Assert.Single(fixture.LogsOf("ShadowPromoted"));
        Assert.Equal("v1", log.GetStructuredStateValue("PreviousVersion"));

        // The served slot now reads the challenger's file, the shadow the champion's.
        challenger.Write(DemoMap.Valid(3));
        champion.Write(DemoMap.Valid(4));
        Assert.Equal("v3", (await engine.ReloadAsync(DemoMap.Id)).Serving.Version);
        Assert.Equal("v4", (await engine.ReloadShadowAsync(DemoMap.Id)).Serving.Version);
    }

    [Fact]
    public void Start_BrokenShadow_TheHostDoesNotStartAndTheShadowsDiagnosticsAreListed()
    {
        using var champion = new TempMapFolder(DemoMap.Valid(1));
        using var challenger = new TempMapFolder(DemoMap.Broken(2));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, champion.FilePath).AddShadow(DemoMap.Id, challenger.FilePath));

        var e = Assert.Throws<MapLoadException>(() => fixture.Engine);

        var failure = Assert.Single(e.Maps);
        Assert.Equal(MapRoles.Shadow, failure.Role);
        Assert.Equal(["DM051", "DM022"], failure.Diagnostics.Select(d => d.Code));
        Assert.Contains("the shadow of map 'demo'", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    [InlineData(int.MaxValue)]
    public void Resolve_ShadowWorkersOutOfRange_FailsValidation_BeforeAnyThreadStarts(int workers)
    {
        using var champion = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, champion.FilePath).AddShadow(DemoMap.Id, champion.FilePath)
            .Configure(o => o.ShadowWorkers = workers));

        var e = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => fixture.Engine);
        Assert.Contains($"ShadowWorkers is {workers}: it must be from 1 to 64", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Resolve_ShadowIdleDelayOutOfRange_FailsValidation(int milliseconds)
    {
        using var champion = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, champion.FilePath).AddShadow(DemoMap.Id, champion.FilePath)
            .Configure(o => o.ShadowIdleDelay = TimeSpan.FromMilliseconds(milliseconds)));

        var e = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => fixture.Engine);

        Assert.Contains("ShadowIdleDelay", e.Message);
    }

    [Fact]
    public void StopShadows_WorkerAsleepForItsIdleDelay_DrainsTheQueueAtOnce()
    {
        // The worker polls, nobody wakes it per decision: stopping must wake it, or the snapshots
        // queued during its sleep would wait the whole delay (or be lost on a short drain).
        using var champion = new TempMapFolder(DemoMap.Valid(1));
        var records = new ConcurrentQueue<ShadowDecision>();
        using var fixture = SelfShadowed(champion, records, TimeSpan.FromSeconds(1));
        var engine = fixture.Engine;
        // Compiled and warm first, so that the drain below times the wake, not a busy machine's JIT
        // (it failed once so in a full run at load 13).
        engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson(Customers[0]), DemoMap.At);
        Assert.True(SpinWait.SpinUntil(() => records.Count == 1, TimeSpan.FromSeconds(10)));
        records.Clear();
        Thread.Sleep(100); // the worker found the queue empty and sleeps for a second

        foreach (var customer in Customers)
        {
            engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson(customer), DemoMap.At);
        }

        // Shorter than the worker's remaining sleep: only a stop that wakes it drains in time.
        ((DecisionEngine)engine).StopShadows(TimeSpan.FromMilliseconds(700));

        Assert.Equal(["C1", "C2", "C3"], records.Select(r => r.Served.CustomerId).Order());
    }

    [Fact]
    public void ShadowWorker_NoTraffic_SleepsFromOneDelayToTheNextWithoutLookingForWork()
    {
        // A worker looks for more work for a moment only after it decided some: an idle host's
        // worker once stayed awake for 500 us after every idle delay (18 looks in these 300 ms).
        using var champion = new TempMapFolder(DemoMap.Valid(1));
        var records = new ConcurrentQueue<ShadowDecision>();
        using var fixture = SelfShadowed(champion, records, TimeSpan.FromMilliseconds(1));
        var engine = (DecisionEngine)fixture.Engine;
        engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson(Customers[0]), DemoMap.At);
        Assert.True(SpinWait.SpinUntil(() => records.Count == 1, TimeSpan.FromSeconds(10)));
        Thread.Sleep(50); // the look after that decision ends

        var looks = engine.ShadowLooks;
        Thread.Sleep(300); // about 300 idle delays

        Assert.True(engine.ShadowLooks - looks <= 1, $"{engine.ShadowLooks - looks} looks while idle");
    }

    [Fact]
    public void Decide_BatchQueuedWhileTheWorkerSleeps_WakesItBeforeItsIdleDelay()
    {
        // A worker that slept through a burst let hundreds of snapshots live through the callers'
        // collections (the served path slowed by a third to a half): a full batch wakes it.
        using var champion = new TempMapFolder(DemoMap.Valid(1));
        var records = new ConcurrentQueue<ShadowDecision>();
        using var fixture = SelfShadowed(champion, records, TimeSpan.FromSeconds(1));
        var engine = fixture.Engine;
        foreach (var customer in Customers)
        {
            engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson(customer), DemoMap.At); // compiled and warm
        }

        Assert.True(SpinWait.SpinUntil(() => records.Count == Customers.Length, TimeSpan.FromSeconds(10)));
        records.Clear();
        Thread.Sleep(100); // the worker found the queue empty and sleeps for a second

        var offered = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < ShadowRunner.WakeAfter; i++)
        {
            engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson(Customers[i % Customers.Length]), DemoMap.At);
        }

        // Woken by the batch, the worker decides it long before the 900 ms left of its sleep.
        Assert.True(SpinWait.SpinUntil(() => records.Count == ShadowRunner.WakeAfter, TimeSpan.FromMilliseconds(500)),
            $"{records.Count} of {ShadowRunner.WakeAfter} shadow decisions after {offered.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task PromoteShadow_MapWithoutShadow_Throws()
    {
        using var champion = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, champion.FilePath));

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Engine.PromoteShadowAsync(DemoMap.Id));
        Assert.Null(fixture.Engine.GetMap(DemoMap.Id)!.Shadow);
    }

    // Each demo version's decision for each customer, made by the evaluator alone.
    private sealed class Expected
    {
        private readonly ConcurrentDictionary<(string, int), string> _json = new();

        public string Json(string version, int customer) => _json.GetOrAdd((version, customer), key =>
        {
            var plan = MapLoader.LoadText(DemoMap.Valid(DemoMap.VersionNumber(key.Item1))).Plan!;
            var record = new SnapshotReader(plan).Read(Customers[key.Item2]).Customer!;
            return DecisionJson.ToJson(new Evaluator(plan).Decide(record, DemoMap.At.UtcDateTime));
        });
    }

    // The map as its own shadow, every shadow decision collected, workers sleeping idleDelay when idle.
    private static EngineFixture SelfShadowed(TempMapFolder map, ConcurrentQueue<ShadowDecision> records, TimeSpan idleDelay) =>
        new(b => b.AddMap(DemoMap.Id, map.FilePath).AddShadow(DemoMap.Id, map.FilePath)
            .AddShadowObserver(new Collecting(records)).Configure(o => o.ShadowIdleDelay = idleDelay));

    private sealed class Collecting(ConcurrentQueue<ShadowDecision> records) : IShadowObserver
    {
        public void OnShadowDecision(ShadowDecision decision) => records.Enqueue(decision);
    }

    private sealed class Throwing : IShadowObserver
    {
        public void OnShadowDecision(ShadowDecision decision) => throw new InvalidOperationException("observer bug");
    }

    private sealed class Blocking(ManualResetEventSlim release) : IShadowObserver
    {
        public volatile bool Entered;

        public void OnShadowDecision(ShadowDecision decision)
        {
            Entered = true;
            release.Wait(TimeSpan.FromSeconds(10));
        }
    }
}
