using System.Text.Json.Nodes;
using Decisioning.Evaluation;
using Decisioning.History.Sqlite;
using Decisioning.History.Tests.Support;
using Decisioning.Hosting;
using Decisioning.Loading;
using Decisioning.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Decisioning.Serialization;

namespace Decisioning.History.Tests.Engine;

/// <summary>
/// With a history, a shadow map's decisions are stored with role <c>shadow</c>, never become
/// contacts, and are made on the history the served decision read.
/// </summary>
public sealed class ShadowHistoryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // The challenger ranks the card first (its value is ten times the fund's).
    private static readonly string ShadowYaml = TinyMap.Yaml.Replace("version: \"1\"", "version: \"2\"", StringComparison.Ordinal)
        .Replace("{ id: card, value: 1 }", "{ id: card, value: 100 }", StringComparison.Ordinal);

    [Fact]
    public async Task Host_ShadowOffersAreStoredAsShadow_NeverAsContacts_AndDecidedOnTheServedDecisionsHistory()
    {
        var db = _folder.File("h.db");
        var shadowPath = _folder.File("tiny-next.yaml");
        File.WriteAllText(shadowPath, ShadowYaml);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _folder.Path });
        builder.Services.AddDecisioning(d =>
        {
            d.AddMap(TinyMap.Id, TinyMap.Write(_folder.Path));
            d.AddShadow(TinyMap.Id, shadowPath);
            d.Configure(o =>
            {
                o.WatchForChanges = false;
                o.ShadowQueueFullMode = ShadowQueueFullMode.Wait;
            });
            d.UseSqliteHistory(db, o => o.OffersAreContacts = true);
        });
        var served = new List<Decision>();
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var engine = host.Services.GetRequiredService<IDecisionEngine>();
            var recorder = host.Services.GetRequiredService<IHistoryRecorder>();
            // C0 was contacted for the fund yesterday: both maps see it (cooldown).
            recorder.RecordContact(new ContactEntry("C0", TinyMap.At.AddDays(-1), "app", "offer-fund", "fund", 1, "sent"));
            await recorder.FlushAsync();
            for (var i = 0; i < 40; i++)
            {
                served.Add(engine.Decide(TinyMap.Id, CustomerSnapshot.FromJson(TinyMap.Customer($"C{i}")), TinyMap.At));
            }

            await host.StopAsync();
        }

        using var store = new SqliteHistory(db);
        var shadowPlan = MapLoader.Load(shadowPath).Plan!;
        var shadowDecisions = store.Decisions(HistoryQuery.All).Where(d => d.Role == OfferRoles.Shadow).ToList();
        Assert.Equal(40, shadowDecisions.Count);
        foreach (var stored in shadowDecisions)
        {
            // The shadow alone, on the history the served decision read: the served offers (recorded
            // as contacts at the same instant) would have put the fund in cooldown.
            var snapshot = stored.CustomerId == "C0"
                ? CustomerSnapshot.FromDictionary(new Dictionary<string, object?> { ["customerId"] = "C0", ["age"] = 40 },
                    contacts: [new ContactSnapshot("app", TinyMap.At.AddDays(-1), "offer-fund", "fund", "sent")])
                : CustomerSnapshot.FromJson(TinyMap.Customer(stored.CustomerId));
            var alone = new Evaluator(shadowPlan).Decide(snapshot.Read(shadowPlan).Customer!, TinyMap.At);
            Assert.Equal(DecisionJson.ToJson(alone), stored.Line);
        }

        var offers = store.Offers(HistoryQuery.All).ToList();
        Assert.Equal(served.Sum(d => d.Actions.Count), offers.Count(o => o.Role == OfferRoles.Served));
        Assert.Equal(shadowDecisions.Sum(d => JsonNode.Parse(d.Line)!["actions"]!.AsArray().Count), offers.Count(o => o.Role == OfferRoles.Shadow));
        Assert.Contains(offers, o => o.Role == OfferRoles.Shadow && o.Version == "2" && o.Strategy == "offer-card");
        // Contacts: C0's confirmed delivery, and one per served offer; none from the shadow.
        var contacts = store.Contacts(HistoryQuery.All).ToList();
        Assert.Equal(1 + served.Sum(d => d.Actions.Count), contacts.Count);
        Assert.Equal(
            served.SelectMany(d => d.Actions.Select(a => (d.CustomerId, a.Strategy))).Order(),
            contacts.Where(c => c.At == TinyMap.At).Select(c => (c.CustomerId, c.Strategy!)).Order());
    }

    [Fact]
    public void Cli_EvaluateWithAShadowAndADb_StoresTheShadowsOffersAsShadow_AndOnlyServedOffersBecomeContacts()
    {
        var map = TinyMap.Write(_folder.Path);
        var shadowPath = _folder.File("tiny-next.yaml");
        File.WriteAllText(shadowPath, ShadowYaml);
        var customers = _folder.File("customers.jsonl");
        File.WriteAllLines(customers, Enumerable.Range(0, 30).Select(i => TinyMap.Customer($"C{i}")));
        var db = _folder.File("h.db");

        var run = Repo.Cli("evaluate", map, "--shadow", shadowPath, "--customers", customers, "--at", "2026-11-23T00:00:00Z",
            "--db", db, "--offers-are-contacts");

        Assert.Equal(0, run.Exit);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        using var store = new SqliteHistory(db);
        var offers = store.Offers(HistoryQuery.All).ToList();
        var shadowActions = lines.SelectMany(l => l["shadow"]!["actions"]!.AsArray().Select(a => (l["customerId"]!.GetValue<string>(), a!["strategy"]!.GetValue<string>())));
        Assert.Equal(shadowActions.Order(), offers.Where(o => o.Role == OfferRoles.Shadow).Select(o => (o.CustomerId, o.Strategy)).Order());
        var servedActions = lines.SelectMany(l => l["actions"]!.AsArray().Select(a => (l["customerId"]!.GetValue<string>(), a!["strategy"]!.GetValue<string>()))).ToList();
        Assert.Equal(servedActions.Order(), store.Contacts(HistoryQuery.All).Select(c => (c.CustomerId, c.Strategy!)).Order());
        Assert.Equal(30, store.Decisions(HistoryQuery.All).Count(d => d.Role == OfferRoles.Shadow));
    }

    public void Dispose() => _folder.Dispose();
}
