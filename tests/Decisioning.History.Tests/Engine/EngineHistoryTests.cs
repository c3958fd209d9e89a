using Decisioning.History.Sqlite;
using Decisioning.History.Tests.Support;
using Decisioning.Hosting;
using Decisioning.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Decisioning.History.Tests.Engine;

public sealed class EngineHistoryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Decide_WithAHistory_StoresTheDecisionAndItsOffers()
    {
        using var host = await Start(d => d.UseInMemoryHistory());
        var engine = host.Services.GetRequiredService<IDecisionEngine>();
        var recorder = host.Services.GetRequiredService<IHistoryRecorder>();

        var decision = engine.Decide(TinyMap.Id, CustomerSnapshot.FromJson(TinyMap.Customer("C1")), TinyMap.At);
        await recorder.FlushAsync();

        var stored = Assert.Single(recorder.Store.Decisions(HistoryQuery.All));
        Assert.Equal(("C1", TinyMap.At, "tiny", "1"), (stored.CustomerId, stored.At, stored.Map, stored.Version));
        var offer = Assert.Single(recorder.Store.Offers(HistoryQuery.All));
        Assert.Equal((decision.Actions[0].Strategy, "fund", "app", OfferRoles.Served), (offer.Strategy, offer.Product, offer.Channel, offer.Role));
        Assert.Empty(recorder.Store.Contacts(HistoryQuery.All));
    }

    [Fact]
    public async Task RecordContact_PutsTheStrategyInCooldown_ForTheNextDecision()
    {
        using var host = await Start(d => d.UseInMemoryHistory());
        var engine = host.Services.GetRequiredService<IDecisionEngine>();
        var recorder = host.Services.GetRequiredService<IHistoryRecorder>();
        var first = engine.Decide(TinyMap.Id, CustomerSnapshot.FromJson(TinyMap.Customer("C1")), TinyMap.At);

        recorder.RecordContact(new ContactEntry("C1", TinyMap.At, "app", "offer-fund", "fund"));
        await recorder.FlushAsync();
        var next = engine.Decide(TinyMap.Id, CustomerSnapshot.FromJson(TinyMap.Customer("C1")), TinyMap.At.AddDays(1));
        var other = engine.Decide(TinyMap.Id, CustomerSnapshot.FromJson(TinyMap.Customer("C2")), TinyMap.At.AddDays(1));

        Assert.Equal("offer-fund", first.Actions[0].Strategy);
        Assert.Equal("cooldown", next.Trace.Single(t => t.Strategy == "offer-fund").Reason);
        Assert.Equal("offer-fund", other.Actions[0].Strategy);
    }

    [Fact]
    public async Task OffersAreContacts_TheNextDecisionSeesTheOffer_AndAHistoryContactAlsoInTheSnapshotCountsOnce()
    {
        using var host = await Start(d => d.UseInMemoryHistory(o => o.OffersAreContacts = true));
        var engine = host.Services.GetRequiredService<IDecisionEngine>();
        var recorder = host.Services.GetRequiredService<IHistoryRecorder>();
        engine.Decide(TinyMap.Id, CustomerSnapshot.FromJson(TinyMap.Customer("C1")), TinyMap.At);
        await recorder.FlushAsync();
        var contact = Assert.Single(recorder.Store.Contacts(HistoryQuery.All));

        // The snapshot carries the same contact the history holds: five allowed a week, one seen.
        var snapshot = CustomerSnapshot.FromDictionary(new Dictionary<string, object?> { ["customerId"] = "C1", ["age"] = 40 },
            contacts: [new ContactSnapshot("app", new DateTimeOffset(contact.At), "offer-fund", "fund", "sent")]);
        var history = recorder.Store.Read("C1", TinyMap.At, TinyMap.At.AddDays(1));
        var plan = Decisioning.Loading.MapLoader.Load(TinyMap.Write(_folder.Path)).Plan!;
        var merged = HistoryMerge.Merge(snapshot.Read(plan).Customer!, history);

        Assert.Single(merged.Contacts);
        Assert.Equal("cooldown", engine.Decide(TinyMap.Id, snapshot, TinyMap.At.AddDays(1)).Trace.Single(t => t.Strategy == "offer-fund").Reason);
    }

    [Fact]
    public async Task ShadowOffers_AreStored_AndNeverBecomeContacts()
    {
        using var host = await Start(d => d.UseInMemoryHistory(o => o.OffersAreContacts = true));
        var recorder = host.Services.GetRequiredService<IHistoryRecorder>();

        recorder.RecordOffers(null, [new OfferEntry("C1", TinyMap.At, "tiny-next", "2", "sha256:00", 1, "offer-fund", "fund", "app", 1, 10, 1, null, OfferRoles.Shadow)]);
        await recorder.FlushAsync();

        Assert.Equal(OfferRoles.Shadow, Assert.Single(recorder.Store.Offers(HistoryQuery.All)).Role);
        Assert.Empty(recorder.Store.Contacts(HistoryQuery.All));
    }

    [Fact]
    public async Task KeepSnapshots_StoresTheSnapshotAsDecided_WhichDecidesTheSameAgain()
    {
        var db = _folder.File("h.db");
        using var host = await Start(d => d.UseSqliteHistory(db, o => o.KeepSnapshots = true));
        var engine = host.Services.GetRequiredService<IDecisionEngine>();
        var recorder = host.Services.GetRequiredService<IHistoryRecorder>();
        recorder.RecordContact(new ContactEntry("C1", TinyMap.At.AddDays(-1), "app", "offer-fund", "fund", 1, "sent"));
        await recorder.FlushAsync();

        var decision = engine.Decide(TinyMap.Id, CustomerSnapshot.FromJson(TinyMap.Customer("C1")), TinyMap.At);
        await host.StopAsync();

        using var store = new SqliteHistory(db);
        var kept = Assert.Single(store.Decisions(HistoryQuery.All)).Snapshot!;
        Assert.Contains("offer-fund", kept);
        var plan = Decisioning.Loading.MapLoader.Load(TinyMap.Write(_folder.Path)).Plan!;
        var again = new Decisioning.Evaluation.Evaluator(plan).Decide(new Decisioning.Snapshots.SnapshotReader(plan).Read(kept).Customer!, TinyMap.At);
        Assert.Equal(Decisioning.Serialization.DecisionJson.ToJson(decision), Decisioning.Serialization.DecisionJson.ToJson(again));
        Assert.Equal("cooldown", again.Trace.Single(t => t.Strategy == "offer-fund").Reason);
    }

    [Fact]
    public async Task WithoutAHistory_TheEngineDecidesAsBefore()
    {
        using var host = await Start(_ => { });

        Assert.Null(host.Services.GetService<IHistoryRecorder>());
        Assert.Single(host.Services.GetRequiredService<IDecisionEngine>().Decide(TinyMap.Id, CustomerSnapshot.FromJson(TinyMap.Customer("C1")), TinyMap.At).Actions);
    }

    public void Dispose() => _folder.Dispose();

    private async Task<IHost> Start(Action<DecisioningBuilder> history)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _folder.Path });
        var map = TinyMap.Write(_folder.Path);
        builder.Services.AddDecisioning(d =>
        {
            d.AddMap(TinyMap.Id, map);
            d.Configure(o => o.WatchForChanges = false);
            history(d);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
