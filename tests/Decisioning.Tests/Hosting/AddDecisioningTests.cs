using Decisioning.Evaluation;
using Decisioning.Hosting;
using Decisioning.Loading;
using Decisioning.Snapshots;
using Decisioning.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Decisioning.Serialization;

namespace Decisioning.Tests.Hosting;

public class AddDecisioningTests
{
    private static readonly DateTimeOffset SpecAt = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Decide_SpecExampleMap_SameDecisionAsTheEvaluator()
    {
        var map = TestPaths.Maps("spec-example", "map.yaml");
        var customer = File.ReadAllText(TestPaths.Maps("spec-example", "customer-C001.json"));
        using var fixture = new EngineFixture(b => b.AddMap("retail-wealth", map));

        var decision = fixture.Engine.Decide("retail-wealth", CustomerSnapshot.FromJson(customer), SpecAt);

        var plan = MapLoader.Load(map).Plan!;
        var expected = new Evaluator(plan).Decide(new SnapshotReader(plan).Read(customer).Customer!, SpecAt.UtcDateTime);
        Assert.Equal(DecisionJson.ToJson(expected), DecisionJson.ToJson(decision));
        Assert.Equal("2026.11.1", decision.Version);
    }

    [Fact]
    public void Decide_TwoMapsAlternatingOnOneThread_EachDecisionIsItsOwnMapsAndEqualsTheEvaluators()
    {
        // The engine decides into a per-thread buffer made for one map version: alternating maps
        // on one thread must never decide one map's customer with the other's buffer.
        var sample = TestPaths.Repo("strategies", "retail-wealth");
        using var demo = new TempMapFolder(DemoMap.Valid(7));
        using var fixture = new EngineFixture(b => b.AddMap("retail-wealth", sample).AddMap(DemoMap.Id, demo.FilePath));
        var samplePlan = MapLoader.Load(sample).Plan!;
        var demoPlan = MapLoader.Load(demo.FilePath).Plan!;
        var at = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
        foreach (var line in File.ReadLines(TestPaths.Repo("samples", "customers.jsonl")).Take(60))
        {
            foreach (var (id, plan) in new[] { ("retail-wealth", samplePlan), (DemoMap.Id, demoPlan) })
            {
                var expected = new Evaluator(plan).Decide(new SnapshotReader(plan).Read(line).Customer!, at.UtcDateTime);
                Assert.Equal(DecisionJson.ToJson(expected), DecisionJson.ToJson(fixture.Engine.Decide(id, CustomerSnapshot.FromJson(line), at)));
            }
        }
    }

    [Fact]
    public void AddDecisioning_ConfigurationSection_OverridesThePathSetInCode()
    {
        using var inCode = new TempMapFolder(DemoMap.Valid(1));
        using var configured = new TempMapFolder(DemoMap.Valid(2));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Decisioning:Maps:demo:Path"] = configured.FilePath,
            ["Decisioning:WatchForChanges"] = "false",
        }).Build();
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, inCode.FilePath), s => s.AddSingleton<IConfiguration>(configuration));

        Assert.Equal("v2", fixture.Engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson(DemoMap.CustomerJson), DemoMap.At).Version);
        Assert.False(fixture.Provider.GetRequiredService<IOptions<DecisioningOptions>>().Value.WatchForChanges);
    }

    [Fact]
    public void AddDecisioning_MapOnlyInConfiguration_IsServed()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(3));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Decisioning:Maps:demo:Path"] = folder.FilePath,
        }).Build();
        using var fixture = new EngineFixture(_ => { }, s => s.AddSingleton<IConfiguration>(configuration));

        Assert.Equal(["demo"], fixture.Engine.Maps.Select(m => m.Id));
        Assert.Equal("v3", fixture.Engine.GetMap(DemoMap.Id)!.Version);
    }

    [Fact]
    public void Resolve_BrokenMap_ThrowsWithEveryErrorAndItsPosition()
    {
        using var folder = new TempMapFolder(DemoMap.Broken(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));

        var e = Assert.Throws<MapLoadException>(() => fixture.Engine);

        var message = Assert.Single(e.Failures);
        Assert.Contains("map 'demo'", message);
        Assert.Contains("(2 errors)", message);
        Assert.Contains("map.yaml:9:", message);   // agee, on the segment's line
        Assert.Contains("map.yaml:17:", message);  // fnd, on the strategy's product line
        // The same errors as objects: code, file, line and column.
        var map = Assert.Single(e.Maps);
        Assert.Equal((DemoMap.Id, MapRoles.Served), (map.MapId, map.Role));
        Assert.Equal([("DM051", 9), ("DM022", 17)], map.Diagnostics.Select(d => (d.Code, d.Location.Line)));
        Assert.All(map.Diagnostics, d => Assert.EndsWith("map.yaml", d.Location.File));
        Assert.All(map.Diagnostics, d => Assert.True(d.Location.Column > 1));
    }

    [Fact]
    public async Task HostStart_BrokenMap_StopsTheHostWithEveryError()
    {
        using var folder = new TempMapFolder(DemoMap.Broken(1));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddDecisioning(b => b.AddMap(DemoMap.Id, folder.FilePath));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<MapLoadException>(() => host.StartAsync());

        Assert.Contains("(2 errors)", e.Message);
        Assert.Contains("agee", e.Message);
        Assert.Contains("fnd", e.Message);
    }

    [Fact]
    public async Task HostStart_ValidMap_LoadedOnceAndServedFromTheStart()
    {
        // Loads are counted by their activities, kept by this test's unique version.
        var version = "v4-" + Guid.NewGuid().ToString("N");
        var activities = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s.Name == Decisioning.Telemetry.DecisioningTelemetry.ActivitySourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = activities.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var folder = new TempMapFolder(DemoMap.Valid(4, version));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddDecisioning(b => b.AddMap(DemoMap.Id, folder.FilePath));
        using var host = builder.Build();

        await host.StartAsync();
        var engine = host.Services.GetRequiredService<IDecisionEngine>();

        Assert.Equal(1, engine.GetMap(DemoMap.Id)!.Generation);
        Assert.Equal(1, activities.Count(a => a.OperationName == Decisioning.Telemetry.DecisioningTelemetry.Activities.MapReload &&
                                              (string?)a.GetTagItem(Decisioning.Telemetry.DecisioningTelemetry.Tags.MapVersion) == version));
        Assert.Equal(version, engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson(DemoMap.CustomerJson), DemoMap.At).Version);
        await host.StopAsync();
    }

    [Fact]
    public void OptionsValidation_BrokenMap_ChecksTheShapeOnlyAndTheLoadReportsTheDiagnostics()
    {
        // The validator checks ids and paths; it does not load a map (a validator is synchronous
        // and carries strings). Loading is the engine's start, which reports diagnostics.
        using var folder = new TempMapFolder(DemoMap.Broken(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));

        var options = fixture.Provider.GetRequiredService<IOptions<DecisioningOptions>>().Value;

        Assert.Contains(DemoMap.Id, options.Maps.Keys);
        var e = Assert.Throws<MapLoadException>(() => fixture.Engine);
        Assert.Equal(["DM051", "DM022"], Assert.Single(e.Maps).Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Resolve_NoMapConfigured_FailsValidation()
    {
        using var fixture = new EngineFixture(_ => { });

        var e = Assert.Throws<OptionsValidationException>(() => fixture.Engine);

        Assert.Contains("no map is configured", e.Message);
    }

    [Fact]
    public void Resolve_ReloadDebounceLongerThanATimerWaits_FailsValidation()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath).Configure(o => o.ReloadDebounce = TimeSpan.FromDays(1000)));

        var e = Assert.Throws<OptionsValidationException>(() => fixture.Engine);

        Assert.Contains("ReloadDebounce is 1000.00:00:00: it must be at most", e.Message);
    }

    [Fact]
    public void Resolve_MapDeclaresAnotherId_FailsValidation()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap("other", folder.FilePath));

        var e = Assert.Throws<MapLoadException>(() => fixture.Engine);

        Assert.Contains("the map says 'map: demo' but is served as 'other'", e.Message);
        Assert.Equal("DM090", Assert.Single(Assert.Single(e.Maps).Diagnostics).Code);
    }

    [Theory]
    [InlineData("Retail")]
    [InlineData("-x")]
    [InlineData("")]
    public void AddMap_NotAnId_Throws(string id) =>
        Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddDecisioning(b => b.AddMap(id, "map.yaml")));

    [Fact]
    public void Decide_UnknownMap_ThrowsKeyNotFoundNamingTheServedMaps()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));

        var e = Assert.Throws<KeyNotFoundException>(() => fixture.Engine.Decide("nope", CustomerSnapshot.FromJson(DemoMap.CustomerJson), DemoMap.At));

        Assert.Contains("served maps: demo", e.Message);
        Assert.Null(fixture.Engine.GetMap("nope"));
    }

    [Fact]
    public void Decide_InvalidSnapshot_ThrowsWithTheErrorRecord()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));
        var snapshot = CustomerSnapshot.FromJson("""{"customerId": "C9", "name": "x", "age": "old", "riskLevel": 1}""");

        var e = Assert.Throws<InvalidSnapshotException>(() => fixture.Engine.Decide(DemoMap.Id, snapshot, DemoMap.At));
        var ok = fixture.Engine.TryDecide(DemoMap.Id, snapshot, DemoMap.At, out var decision, out var error);

        Assert.Equal(SnapshotErrorCodes.WrongType, e.Error.Code);
        Assert.Equal("C9", e.Error.CustomerId);
        Assert.Equal("v1", e.Version);
        Assert.False(ok);
        Assert.Null(decision);
        Assert.Equal(e.Error, error);
    }

    [Fact]
    public void Decide_WithoutATime_DecidesAtTheTimeProvidersNow()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 4, 5, 6, 7, TimeSpan.FromHours(8)));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath), s => s.AddSingleton<TimeProvider>(clock));

        var decision = fixture.Engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson(DemoMap.CustomerJson));

        Assert.Equal(new DateTime(2027, 3, 3, 21, 6, 7, DateTimeKind.Utc), decision.At);
        Assert.Equal(clock.GetUtcNow(), fixture.Engine.GetMap(DemoMap.Id)!.LoadedAt);
    }

    [Fact]
    public void DecideBatch_MixedSnapshots_ResultsInOrderWithErrorRecords()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(5));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));
        CustomerSnapshot[] snapshots =
        [
            CustomerSnapshot.FromJson(DemoMap.CustomerJson),
            CustomerSnapshot.FromJson("""{"customerId": "C2"}"""),
            CustomerSnapshot.FromJson(DemoMap.CustomerJson.Replace("C1", "C3")),
        ];

        var results = fixture.Engine.DecideBatch(DemoMap.Id, snapshots, DemoMap.At);

        Assert.Equal(["C1", "C2", "C3"], results.Select(r => r.CustomerId));
        Assert.Equal([true, false, true], results.Select(r => r.Succeeded));
        Assert.Equal(SnapshotErrorCodes.MissingField, results[1].Error!.Code);
        Assert.StartsWith("""{"customerId":"C2","error":{"code":"missing-field""", DecisioningJson.Serialize(results[1]));
    }

    [Fact]
    public void DecideBatch_ANullSnapshot_IsItsErrorRecordAndTheOthersAreDecided()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(5));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));
        var good = CustomerSnapshot.FromJson(DemoMap.CustomerJson);

        var results = fixture.Engine.DecideBatch(DemoMap.Id, [good, null!, good], DemoMap.At);

        Assert.Equal([true, false, true], results.Select(r => r.Succeeded));
        Assert.Equal(SnapshotErrorCodes.NotAnObject, results[1].Error!.Code);
    }
}
