using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Decisioning.Evaluation;
using Decisioning.History.Sqlite;
using Decisioning.History.Tests.Support;
using Decisioning.Hosting;
using Decisioning.Snapshots;
using Decisioning.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Decisioning.Serialization;
using Decisioning.Recording;

namespace Decisioning.History.Tests.Engine;

/// <summary>
/// Online learning in a host (docs/adaptive.md, "Online, in a host"): the state a host learns from
/// its history is the state <c>learn --db</c> writes from the same history; states swap in whole
/// under load; a decision made with a learned state replays identical after the next state came.
/// </summary>
public sealed class OnlineLearningTests : IDisposable
{
    private static readonly DateTime Monday = new(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Monday));

    private string MapFolder => Path.Combine(_folder.Path, "maps");

    private string States => Path.Combine(_folder.Path, "states");

    [Fact]
    public async Task TheStateLearnedOnline_IsTheStateLearnWritesFromTheSameHistory()
    {
        var db = _folder.File("h.db");
        using var host = await Start(d => d.UseSqliteHistory(db, o => o.OffersAreContacts = true));
        var engine = host.Services.GetRequiredService<IDecisionEngine>();
        var recorder = host.Services.GetRequiredService<IHistoryRecorder>();
        var learning = host.Services.GetRequiredService<IAdaptiveLearning>();
        await learning.LearnNowAsync(); // the learning at start (or this one instead): an empty history, a state of no evidence
        var random = new Random(7);
        // Two weeks of decisions; responses of every kind, by strategy or by product alone, some
        // late (after the 7-day window), and the second week's windows still open when learning.
        foreach (var (week, count) in new[] { (0, 300), (1, 120) })
        {
            var at = Monday.AddDays(7 * week);
            foreach (var id in Enumerable.Range(0, count).Select(i => $"W{week}-{i:D4}"))
            {
                var decision = engine.Decide(OnlineMap.Id, CustomerSnapshot.FromJson(OnlineMap.Customer(id, random)), at);
                foreach (var action in decision.Actions.Where(_ => random.NextDouble() < 0.35))
                {
                    var kind = random.NextDouble() < 0.8 ? "converted" : "declined";
                    var strategy = random.NextDouble() < 0.7 ? action.Strategy : null;
                    recorder.RecordResponse(new ResponseEntry(id, at.AddHours(random.Next(1, 9 * 24)), strategy, action.Product, kind));
                }
            }
        }

        _time.SetUtcNow(new DateTimeOffset(Monday.AddDays(10)));
        using var swaps = Collect(host, DecisioningTelemetry.Instruments.AdaptiveStateSwaps);
        Assert.Equal(1, await learning.LearnNowAsync());
        Assert.Equal(0, await learning.LearnNowAsync()); // nothing new: the state stays, no swap
        var version = StateOf(engine.Decide(OnlineMap.Id, CustomerSnapshot.FromJson(OnlineMap.Customer("Z", random)), Monday.AddDays(10)))!;
        await host.StopAsync();

        var online = Path.Combine(States, $"{OnlineMap.Id}-{version["sha256:".Length..]}.json");
        var offline = _folder.File("learned.json");
        var learn = Repo.Cli("learn", OnlineMap.Path(MapFolder), "--db", db, "--at", "2026-11-12T00:00:00Z", "--out", offline);
        Assert.Equal(0, learn.Exit);
        Assert.Equal(File.ReadAllText(offline), File.ReadAllText(online));
        // Not vacuous: week 1's contacts are counted (positives among them), week 2's windows are open.
        Assert.Matches(@"interactions: [1-9]\d* positive, [1-9]\d* negative; not counted: [1-9]\d* open window", learn.Out);
        Assert.Equal([OnlineMap.Id], swaps.GetMeasurementSnapshot().Select(m => (string?)m.Tags[DecisioningTelemetry.Tags.Map]));
    }

    [Fact]
    public async Task ADecisionMadeWithALearnedState_ReplaysIdentical_AfterTheNextStateIsSwappedIn()
    {
        var db = _folder.File("h.db");
        using var host = await Start(d => d.UseSqliteHistory(db, o => (o.OffersAreContacts, o.KeepSnapshots) = (true, true)));
        var engine = host.Services.GetRequiredService<IDecisionEngine>();
        var recorder = host.Services.GetRequiredService<IHistoryRecorder>();
        var learning = host.Services.GetRequiredService<IAdaptiveLearning>();
        var random = new Random(11);
        Teach(engine, recorder, random, "A", 250);
        _time.SetUtcNow(new DateTimeOffset(Monday.AddDays(10)));
        await learning.LearnNowAsync();
        var v1 = engine.Decide(OnlineMap.Id, CustomerSnapshot.FromJson(OnlineMap.Customer("X", random)), Monday.AddDays(10));

        Teach(engine, recorder, random, "B", 250);
        _time.SetUtcNow(new DateTimeOffset(Monday.AddDays(20)));
        Assert.Equal(1, await learning.LearnNowAsync());
        var v2 = engine.Decide(OnlineMap.Id, CustomerSnapshot.FromJson(OnlineMap.Customer("Y", random)), Monday.AddDays(20));
        await host.StopAsync();

        var (state1, state2) = (StateOf(v1), StateOf(v2));
        Assert.StartsWith("sha256:", state1);
        Assert.NotEqual(state1, state2);
        Assert.True(v1.Trace.Where(t => t.Model is not null).All(t => t.State == state1 && t.Evidence > 0));
        var withStates = new MapCatalog([MapFolder, States]);
        var withoutStates = new MapCatalog([MapFolder]);
        using var store = new SqliteHistory(db);
        var stored = store.Decisions(HistoryQuery.All).Where(d => d.CustomerId is "X" or "Y").Select(d => new ReplayInput(d.Line, d.Snapshot)).ToList();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, d => Assert.Equal(ReplayResult.Identical, DecisionReplay.Replay(d, withStates).Status));
        Assert.All(stored, d => Assert.Equal(ReplayResult.MapMissing, DecisionReplay.Replay(d, withoutStates).Status));
    }

    [Fact]
    public async Task StatesSwappedWhileEightThreadsDecide_EveryDecisionIsWhollyOneState()
    {
        using var host = await Start(d => d.UseInMemoryHistory(o => o.OffersAreContacts = true));
        var engine = host.Services.GetRequiredService<IDecisionEngine>();
        var recorder = host.Services.GetRequiredService<IHistoryRecorder>();
        var learning = host.Services.GetRequiredService<IAdaptiveLearning>();
        _time.SetUtcNow(new DateTimeOffset(Monday.AddDays(10)));
        var decided = new ConcurrentBag<ReplayInput>();
        using var stop = new CancellationTokenSource();
        var threads = Enumerable.Range(0, 8).Select(t => Task.Factory.StartNew(() =>
        {
            var random = new Random(100 + t);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var snapshot = OnlineMap.Customer($"T{t}-{i}", random);
                var decision = engine.Decide(OnlineMap.Id, CustomerSnapshot.FromJson(snapshot), Monday);
                decided.Add(new ReplayInput(DecisionJson.ToJson(decision), snapshot));
                Thread.Sleep(1); // many decisions per state, not millions on a shared machine
            }
        }, TaskCreationOptions.LongRunning)).ToList();

        // Every round adds contacts (the threads' own decisions at Monday, windows closed) and
        // responses, so every learning gives new counts and swaps a new state in.
        var teacher = new Random(5);
        for (var round = 0; round < 6; round++)
        {
            Teach(engine, recorder, teacher, $"R{round}-", 40);
            await learning.LearnNowAsync();
        }

        await stop.CancelAsync();
        await Task.WhenAll(threads);
        await host.StopAsync();

        var catalog = new MapCatalog([MapFolder, States]);
        var versions = decided.Select(d => StateOf(JsonNode.Parse(d.Line)!)).Distinct().ToList();
        Assert.True(versions.Count >= 3, $"{versions.Count} state versions seen");
        // A decision that read half of one state and half of the next would not decide the same again.
        Assert.All(decided, d => Assert.Equal(ReplayResult.Identical, DecisionReplay.Replay(d, catalog).Status));
    }

    [Fact]
    public async Task ALearningThatFails_KeepsTheStateInUse_IsCounted_AndTheNextOneLearns()
    {
        var store = new FlakyHistory();
        using var host = await Start(d => d.UseHistory(_ => store, o => o.OffersAreContacts = true));
        var engine = host.Services.GetRequiredService<IDecisionEngine>();
        var recorder = host.Services.GetRequiredService<IHistoryRecorder>();
        var learning = host.Services.GetRequiredService<IAdaptiveLearning>();
        await learning.LearnNowAsync();
        var random = new Random(13);
        Teach(engine, recorder, random, "F", 100);
        _time.SetUtcNow(new DateTimeOffset(Monday.AddDays(10)));
        var before = StateOf(engine.Decide(OnlineMap.Id, CustomerSnapshot.FromJson(OnlineMap.Customer("P", random)), Monday.AddDays(10)));
        using var errors = Collect(host, DecisioningTelemetry.Instruments.AdaptiveLearnErrors);

        store.Failing = true;
        Assert.Equal(0, await learning.LearnNowAsync());
        var during = StateOf(engine.Decide(OnlineMap.Id, CustomerSnapshot.FromJson(OnlineMap.Customer("Q", random)), Monday.AddDays(10)));
        store.Failing = false;
        Assert.Equal(1, await learning.LearnNowAsync());
        var after = engine.Decide(OnlineMap.Id, CustomerSnapshot.FromJson(OnlineMap.Customer("R", random)), Monday.AddDays(10));

        Assert.Equal(before, during);
        Assert.NotEqual(before, StateOf(after));
        Assert.True(after.Trace.Where(t => t.Model is not null).All(t => t.Evidence > 0));
        var error = Assert.Single(errors.GetMeasurementSnapshot());
        Assert.Equal((OnlineMap.Id, "IOException"), ((string?)error.Tags[DecisioningTelemetry.Tags.Map], (string?)error.Tags[DecisioningTelemetry.Tags.ErrorType]));
    }

    [Fact]
    public async Task WithoutAHistory_TheHostDoesNotStart_AndSaysWhy()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Start(_ => { }));
        Assert.Contains("UseSqliteHistory", error.Message);
    }

    [Fact]
    public void UseAdaptiveLearning_AnIntervalLongerThanATimerWaits_IsRefused()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            services.AddDecisioning(d => d.UseAdaptiveLearning(o => o.Interval = TimeSpan.FromDays(365))));
    }

    public void Dispose() => _folder.Dispose();

    private static void Teach(IDecisionEngine engine, IHistoryRecorder recorder, Random random, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = $"{prefix}{i:D4}";
            var decision = engine.Decide(OnlineMap.Id, CustomerSnapshot.FromJson(OnlineMap.Customer(id, random)), Monday);
            foreach (var action in decision.Actions.Where(_ => random.NextDouble() < 0.3))
            {
                recorder.RecordResponse(new ResponseEntry(id, Monday.AddDays(2), action.Strategy, action.Product, "converted"));
            }
        }
    }

    private static string? StateOf(Decision decision) => decision.Trace.Select(t => t.State).FirstOrDefault(s => s is not null);

    private static string? StateOf(JsonNode line) =>
        line["trace"]!.AsArray().Select(t => (string?)t!["state"]).FirstOrDefault(s => s is not null);

    // The host's own measurements (its container's meter), not another test's host's.
    private static MetricCollector<long> Collect(IHost host, string instrument) =>
        new(host.Services.GetRequiredService<IMeterFactory>(), DecisioningTelemetry.MeterName, instrument);

    private async Task<IHost> Start(Action<DecisioningBuilder> history)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _folder.Path });
        builder.Services.AddSingleton<TimeProvider>(_time);
        var map = OnlineMap.Path(MapFolder);
        builder.Services.AddDecisioning(d =>
        {
            d.AddMap(OnlineMap.Id, map);
            d.Configure(o => o.WatchForChanges = false);
            // A long interval: these tests learn when they say so (LearnNowAsync); the first learning runs at start.
            d.UseAdaptiveLearning(o => (o.Interval, o.StateDirectory) = (TimeSpan.FromDays(49), States));
            history(d);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }
}

/// <summary>An in-memory history whose reads of contacts fail while <see cref="Failing"/> (a store that went away).</summary>
internal sealed class FlakyHistory : DelegatingHistory
{
    public volatile bool Failing;

    public override IEnumerable<ContactEntry> Contacts(HistoryQuery query) =>
        Failing ? throw new IOException("the history store is unreachable") : base.Contacts(query);
}

/// <summary>
/// Two strategies sharing one adaptive model (two instances) over a numeric, a bool, a string
/// category and the tier, with no contact rules, so that a decision depends on the snapshot and the
/// learned state only.
/// </summary>
internal static class OnlineMap
{
    public const string Id = "adaptive-online";

    private static readonly string?[] Cities = ["sh", "bj", "sz", null];

    public const string Yaml = """
        map: adaptive-online
        version: "1"
        customer:
          fields: { age: int?, aum: decimal, digital: bool, city: string? }
        tiers:
          - { id: wealth, when: aum >= 500000 }
          - { id: mass, when: "true" }
        products:
          - { id: fund, value: 1 }
          - { id: card, value: 1 }
        channels:
          - { id: app }
        strategies:
          - { id: fund-offer, product: fund, channels: [app], propensity: { model: online } }
          - { id: card-offer, product: card, channels: [app], propensity: { model: online } }
        arbitration:
          maxActions: 2
        models:
          - id: online
            kind: adaptive
            predictors:
              age: [35, 55]
              digital: bool
              city: category
              tier: category
            prior: 0.1
            priorWeight: 10
            minEvidence: 20
            window: 7d
            positive: [converted]
        """;

    public static string Customer(string id, Random random)
    {
        var age = random.NextDouble() < 0.1 ? "null" : random.Next(20, 80).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var city = Cities[random.Next(Cities.Length)] is { } c ? $"\"{c}\"" : "null";
        var aum = random.NextDouble() < 0.2 ? 900000 : random.Next(0, 100000);
        return $$"""{"customerId":"{{id}}","age":{{age}},"aum":{{aum}},"digital":{{(random.NextDouble() < 0.5 ? "true" : "false")}},"city":{{city}}}""";
    }

    public static string Path(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, "online.yaml");
        File.WriteAllText(path, Yaml);
        return path;
    }
}
