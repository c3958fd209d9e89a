using System.Globalization;
using System.Text.Json.Nodes;
using Decisioning.History.Postgres;
using Decisioning.History.Sqlite;
using Decisioning.History.Tests.Engine;
using Decisioning.History.Tests.Support;
using Xunit.Abstractions;

namespace Decisioning.History.Tests.Soak;

/// <summary>
/// Two host processes of 8 threads each decide for the same 200 customers and record into one
/// store, offers declared contacts, for a bounded time (6 s here; <c>DECISIONING_SOAK_SECONDS=30</c>
/// for the documented longer run). Process A serves the tiny map as version <c>A</c>, process B as
/// <c>B</c>, so every record names its process. Then: every decision and every offer is recorded
/// exactly once (counted against what each process says it decided), each offer is one contact,
/// and no decision broke a cooldown or a channel cap that a contact recorded at least four
/// simulated days (four real seconds) earlier, by either process, should have enforced, while
/// many decisions were held back by the other process's contacts alone.
/// </summary>
[Collection(SoakCollection.Name)]
public sealed class TwoHostsTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Settled = TimeSpan.FromDays(4);
    private readonly TempFolder _folder = new();

    private static int Seconds =>
        int.TryParse(Environment.GetEnvironmentVariable("DECISIONING_SOAK_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 6;

    [Fact]
    public void TwoHosts_OnOneSqliteFile_RecordEveryOfferOnce_AndSeeEachOthersContacts()
    {
        var db = _folder.File("shared.db");
        var (a, b) = Run("--sqlite", db);

        using var store = new SqliteHistory(db);
        Verify(store, a, b);
    }

    [SkippableFact]
    public void TwoHosts_OnOnePostgresDatabase_RecordEveryOfferOnce_AndSeeEachOthersContacts()
    {
        Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
        var database = PostgresServer.NewDatabase();
        // The schema first, so that neither host's first decision waits on the other's upgrade.
        new PostgresHistory(database).Dispose();
        var (a, b) = Run("--postgres", database);

        using var store = new PostgresHistory(database);
        Verify(store, a, b);
    }

    public void Dispose() => _folder.Dispose();

    private (JsonObject A, JsonObject B) Run(string storeOption, string store)
    {
        SoakProcess Start(string version, int process)
        {
            var map = _folder.File($"tiny-{version}.yaml");
            File.WriteAllText(map, TinyMap.Yaml.Replace("version: \"1\"", $"version: \"{version}\"", StringComparison.Ordinal));
            return new SoakProcess("--map", map, storeOption, store, "--process", $"{process}", "--threads", "8", "--rate", "50",
                "--customers", "200", "--seconds", $"{Seconds}", "--origin", "stdin");
        }

        using var a = Start("A", 0);
        using var b = Start("B", 1);
        // Both processes start deciding at the same real instant, once both have started.
        a.WaitFor("ready", TimeSpan.FromSeconds(120));
        b.WaitFor("ready", TimeSpan.FromSeconds(120));
        var origin = DateTimeOffset.UtcNow.AddMilliseconds(500).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        a.Send(origin);
        b.Send(origin);
        var timeout = TimeSpan.FromSeconds(Seconds + 120);
        var (sa, sb) = (a.Summary(timeout), b.Summary(timeout));
        output.WriteLine($"A: {sa.ToJsonString()}\nB: {sb.ToJsonString()}");
        return (sa, sb);
    }

    private void Verify(IInteractionHistory store, JsonObject a, JsonObject b)
    {
        static long Count(JsonObject summary, string name) => summary[name]!.GetValue<long>();
        foreach (var summary in new[] { a, b })
        {
            Assert.True(Count(summary, "decisions") > 100, summary.ToJsonString());
            Assert.Equal(Count(summary, "decisions"), Count(summary, "written"));
            Assert.Equal((0L, 0L, 0L), (Count(summary, "dropped"), Count(summary, "failed"), Count(summary, "unwritten")));
        }

        // Exactly once: what each process decided, nothing lost, nothing twice.
        var decisions = store.Decisions(HistoryQuery.All).ToList();
        Assert.Equal(Count(a, "decisions"), decisions.Count(d => d.Version == "A"));
        Assert.Equal(Count(b, "decisions"), decisions.Count(d => d.Version == "B"));
        var offers = store.Offers(HistoryQuery.All).ToList();
        Assert.Equal(Count(a, "actions") + Count(b, "actions"), offers.Count);
        var contacts = store.Contacts(HistoryQuery.All).ToList();
        Assert.Equal(
            offers.Select(o => (o.CustomerId, o.At, o.Strategy, o.Channel)).Order(),
            contacts.Select(c => (c.CustomerId, c.At, c.Strategy!, c.Channel!)).Order());

        // Which process made each contact: its offer's version.
        var madeBy = offers.ToDictionary(o => (o.CustomerId, o.At, o.Strategy), o => o.Version);
        var byCustomer = contacts.GroupBy(c => c.CustomerId).ToDictionary(g => g.Key, g => g.ToList());
        var (broken, heldByOther, cappedByOther) = (new List<string>(), 0, 0);
        foreach (var decision in decisions)
        {
            var line = JsonNode.Parse(decision.Line)!;
            var window = byCustomer.GetValueOrDefault(decision.CustomerId, [])
                .Where(c => c.At > decision.At - TimeSpan.FromDays(7) && c.At < decision.At).ToList();
            // Recorded long enough before the decision that any reader must have seen it.
            var settled = window.Where(c => c.At <= decision.At - Settled).ToList();
            var actions = line["actions"]!.AsArray().Select(x => x!["strategy"]!.GetValue<string>()).ToList();
            if (actions.Contains("offer-fund") && settled.Any(c => c.Strategy == "offer-fund"))
            {
                broken.Add($"cooldown: {decision.Line}");
            }

            if (actions.Count > 0 && settled.Count(c => c.Channel == "app") >= 5)
            {
                broken.Add($"cap: {decision.Line}");
            }

            string? Reason(string strategy) =>
                line["trace"]!.AsArray().Single(t => t!["strategy"]!.GetValue<string>() == strategy)!["reason"]?.GetValue<string>();
            bool Other(ContactEntry c) => madeBy[(c.CustomerId, c.At, c.Strategy!)] != decision.Version;
            var fundContacts = window.Where(c => c.Strategy == "offer-fund").ToList();
            if (Reason("offer-fund") == "cooldown" && fundContacts.Count > 0 && fundContacts.All(Other))
            {
                heldByOther++;
            }

            if (Reason("offer-card") == "no-channel" && window.Count(c => !Other(c)) < 5)
            {
                cappedByOther++;
            }
        }

        output.WriteLine($"{decisions.Count} decisions, {offers.Count} offers; held in cooldown by the other process's contacts alone: {heldByOther}; " +
            $"capped only with the other process's contacts: {cappedByOther}");
        Assert.True(broken.Count == 0, $"{broken.Count} decisions broke a cooldown or a cap:\n{string.Join("\n", broken.Take(5))}");
        Assert.True(heldByOther > 20, $"cooldowns from the other process's contacts: {heldByOther}");
        Assert.True(cappedByOther > 20, $"caps reached with the other process's contacts: {cappedByOther}");
    }
}
