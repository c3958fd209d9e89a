using System.Text.Json.Nodes;
using Decisioning.History.Tests.Support;

namespace Decisioning.History.Tests.Cli;

public sealed class ReplayCommandTests : IDisposable
{
    private const string At = "2026-11-26T00:00:00Z";
    private readonly TempFolder _folder = new();
    private readonly string _maps;
    private readonly string _map;

    public ReplayCommandTests()
    {
        _maps = _folder.File("maps");
        _map = Path.Combine(_maps, "retail-wealth");
        Copy(Repo.SampleMap, _map);
    }

    [Fact]
    public void Replay_OfDecisionsKeptInAHistory_IsAllIdentical_EvenWithTheHistoryTheyRead()
    {
        var customers = Repo.Customers(_folder, 400);
        var db = _folder.File("h.db");
        Assert.Equal(0, Repo.Cli("evaluate", _map, "--customers", customers, "--at", At, "--db", db, "--keep-snapshots", "--offers-are-contacts").Exit);
        Assert.Equal(0, Repo.Cli("evaluate", _map, "--customers", customers, "--at", "2026-11-28T00:00:00Z", "--db", db, "--keep-snapshots").Exit);

        var replay = Repo.Cli("replay", "--db", db, "--maps", _maps);

        Assert.Equal(0, replay.Exit);
        var results = Results(replay.Out);
        Assert.True(results.Count > 700, replay.Error);
        Assert.All(results, r => Assert.Equal("identical", r["status"]!.GetValue<string>()));
        Assert.Contains(" 0 different, 0 map-missing", replay.Error);
    }

    [Theory]
    [InlineData("strategies.yaml")]
    [InlineData("lists/vip.csv")]
    public void Replay_AfterAMapFileOrAListIsEdited_SaysMapMissing(string file)
    {
        var customers = Repo.Customers(_folder, 100);
        var db = _folder.File("h.db");
        Repo.Cli("evaluate", _map, "--customers", customers, "--at", At, "--db", db, "--keep-snapshots");
        File.AppendAllText(Path.Combine(_map, file), file.EndsWith(".csv", StringComparison.Ordinal) ? "C-NEW\n" : "\n# edited\n");

        var replay = Repo.Cli("replay", "--db", db, "--maps", _maps);

        Assert.Equal(1, replay.Exit);
        Assert.All(Results(replay.Out), r => Assert.Equal("map-missing", r["status"]!.GetValue<string>()));
    }

    /// <summary>
    /// Ten thousand and more stored decisions, made at four times with offers recorded as contacts
    /// (so each round reads the rounds before it: cooldowns, waves, caps), all replay identical;
    /// once a list the map names is edited, every one of them is the old version's: map-missing.
    /// </summary>
    [Fact]
    public void Replay_OfTenThousandStoredDecisions_IsAllIdentical_AndAllMapMissingOnceAListIsEdited()
    {
        var db = _folder.File("h.db");
        foreach (var at in new[] { "2026-11-20T00:00:00Z", "2026-11-22T00:00:00Z", "2026-11-25T00:00:00Z", "2026-11-29T00:00:00Z" })
        {
            Assert.Equal(0, Repo.Cli("evaluate", _map, "--customers", Repo.SampleCustomers, "--at", at, "--db", db, "--keep-snapshots", "--offers-are-contacts").Exit);
        }

        var replay = Repo.Cli("replay", "--db", db, "--maps", _maps);

        Assert.Equal(0, replay.Exit);
        var results = Results(replay.Out);
        Assert.True(results.Count >= 10_000, $"{results.Count} decisions");
        Assert.All(results, r => Assert.Equal("identical", r["status"]!.GetValue<string>()));

        File.AppendAllText(Path.Combine(_map, "lists", "vip.csv"), "C-NEW\n");
        var edited = Repo.Cli("replay", "--db", db, "--maps", _maps);

        Assert.Equal(1, edited.Exit);
        var missing = Results(edited.Out);
        Assert.Equal(results.Count, missing.Count);
        Assert.All(missing, r => Assert.Equal("map-missing", r["status"]!.GetValue<string>()));
    }

    [Fact]
    public void Replay_OfADecisionStoredWithoutItsSnapshot_IsDifferentAtSnapshot_WithTheReason()
    {
        var customers = Repo.Customers(_folder, 20);
        var db = _folder.File("h.db");
        Repo.Cli("evaluate", _map, "--customers", customers, "--at", At, "--db", db);

        var replay = Repo.Cli("replay", "--db", db, "--maps", _maps);

        Assert.Equal(1, replay.Exit);
        var results = Results(replay.Out);
        Assert.Equal(20, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal(("different", "snapshot"), (r["status"]!.GetValue<string>(), r["path"]!.GetValue<string>()));
            Assert.Contains("--keep-snapshots", r["reason"]!.GetValue<string>());
        });
        Assert.Contains("0 identical, 20 different, 0 map-missing", replay.Error);
    }

    [Fact]
    public void Replay_FromFiles_MatchesSnapshotsByCustomerId()
    {
        var customers = Repo.Customers(_folder, 200);
        var decisions = _folder.File("decisions.jsonl");
        Repo.Cli("evaluate", _map, "--customers", customers, "--at", At, "--out", decisions);

        var replay = Repo.Cli("replay", "--decisions", decisions, "--snapshots", customers, "--maps", _maps);

        Assert.Equal(0, replay.Exit);
        Assert.True(Results(replay.Out).Count > 150);
    }

    [Fact]
    public void Replay_OfAChangedDecision_SaysDifferent_WithTheFirstDifference()
    {
        var customers = Repo.Customers(_folder, 50);
        var decisions = _folder.File("decisions.jsonl");
        Repo.Cli("evaluate", _map, "--customers", customers, "--at", At, "--out", decisions);
        var lines = File.ReadAllLines(decisions);
        var changed = Array.FindIndex(lines, l => l.Contains("\"rank\":1", StringComparison.Ordinal));
        var node = JsonNode.Parse(lines[changed])!;
        node["actions"]![0]!["channel"] = "carrier-pigeon";
        lines[changed] = node.ToJsonString();
        File.WriteAllLines(decisions, lines);

        var replay = Repo.Cli("replay", "--decisions", decisions, "--snapshots", customers, "--maps", _maps);

        Assert.Equal(1, replay.Exit);
        var different = Assert.Single(Results(replay.Out), r => r["status"]!.GetValue<string>() == "different");
        Assert.Equal("actions[0].channel", different["path"]!.GetValue<string>());
        Assert.Equal("\"carrier-pigeon\"", different["stored"]!.GetValue<string>());
    }

    [Fact]
    public void Replay_OfLinesThatAreNotDecisions_SaysMapMissingForEach_AndReplaysTheOthers()
    {
        var customers = Repo.Customers(_folder, 20);
        var decisions = _folder.File("decisions.jsonl");
        Repo.Cli("evaluate", _map, "--customers", customers, "--at", At, "--out", decisions);
        var good = File.ReadAllLines(decisions).Where(l => !l.Contains("\"error\"", StringComparison.Ordinal)).ToList();
        var first = good[0];
        string[] bad =
        [
            "not json",
            "[1, 2]",
            // A key twice, and strings that are not text (escaped lone UTF-16 surrogates), in the id and deep in the trace.
            first.Replace("{\"customerId\":", "{\"customerId\":\"x\",\"customerId\":", StringComparison.Ordinal),
            first.Replace("\"customerId\":\"", "\"customerId\":\"\\ud800", StringComparison.Ordinal),
            first.Replace("\"trace\":[", "\"trace\":[\"\\udc00\",", StringComparison.Ordinal),
        ];
        Assert.All(bad.Skip(2), b => Assert.NotEqual(first, b));
        File.WriteAllLines(decisions, [.. bad, .. good]);

        var replay = Repo.Cli("replay", "--decisions", decisions, "--snapshots", customers, "--maps", _maps);

        Assert.Equal(1, replay.Exit);
        Assert.DoesNotContain("   at ", replay.Error);
        var results = Results(replay.Out);
        Assert.Equal(bad.Length + good.Count, results.Count);
        Assert.All(results.Take(bad.Length), r => Assert.Equal("map-missing", r["status"]!.GetValue<string>()));
        Assert.All(results.Skip(bad.Length), r => Assert.Equal("identical", r["status"]!.GetValue<string>()));
    }

    [Fact]
    public void Replay_WithoutAnInput_SaysWhatToGive()
    {
        var replay = Repo.Cli("replay", "--maps", _maps);

        Assert.Equal(1, replay.Exit);
        Assert.Contains("--decisions with --snapshots", replay.Error);
    }

    public void Dispose() => _folder.Dispose();

    private static List<JsonNode> Results(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
