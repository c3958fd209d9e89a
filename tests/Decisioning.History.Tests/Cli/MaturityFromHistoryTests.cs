using System.Text.Json;
using Decisioning.History.Tests.Engine;
using Decisioning.History.Tests.Support;

namespace Decisioning.History.Tests.Cli;

/// <summary>
/// The maturity of adaptive models over two weekly cycles (decide, respond, learn, decide with the
/// learned state) reads the same from a SQLite history as from the files: <c>report</c> and
/// <c>dashboard</c> write the same maturity table, byte for byte.
/// </summary>
public sealed class MaturityFromHistoryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Maturity_FromASqliteHistory_EqualsMaturityFromTheSameFiles()
    {
        var (db, decisions, outcomes) = TwoCycles();

        var (week1, week2) = (_folder.File("week1"), _folder.File("week2"));
        var reportFiles = Repo.Cli("report", "--decisions", decisions, "--outcomes", outcomes, "--window", "7d", "--maps", week1, week2, "--out", _folder.File("report-files"));
        var reportDb = Repo.Cli("report", "--db", db, "--window", "7d", "--maps", week1, week2, "--out", _folder.File("report-db"));
        var boardFiles = Repo.Cli("dashboard", "--decisions", decisions, "--outcomes", outcomes, "--window", "7d", "--maps", week1, week2, "--out", _folder.File("board-files"));
        var boardDb = Repo.Cli("dashboard", "--db", db, "--window", "7d", "--maps", week1, week2, "--out", _folder.File("board-db"));

        Assert.Equal((0, 0, 0, 0), (reportFiles.Exit, reportDb.Exit, boardFiles.Exit, boardDb.Exit));
        var report = File.ReadAllText(_folder.File("report-files/report.json"));
        var board = File.ReadAllText(_folder.File("board-files/dashboard.json"));
        using (var json = JsonDocument.Parse(report))
        {
            // Both strategies decided with the model, in two state versions: the map before and after learning.
            var adaptive = json.RootElement.GetProperty("adaptive");
            Assert.Equal(["fund-offer", "card-offer"], adaptive.EnumerateArray().Select(m => m.GetProperty("strategy").GetString()).Order().Reverse());
            var fund = adaptive.EnumerateArray().Single(m => m.GetProperty("strategy").GetString() == "fund-offer");
            var versions = fund.GetProperty("versions");
            Assert.Equal(2, versions.GetArrayLength());
            Assert.Equal(0, versions[0].GetProperty("evidence").GetInt64());
            Assert.True(versions[1].GetProperty("evidence").GetInt64() > 100, fund.ToString());
            Assert.True(fund.GetProperty("positives").GetInt64() > 10, fund.ToString());
            Assert.Equal(JsonValueKind.Number, versions[1].GetProperty("auc").ValueKind);

            // The bins from the maps' state files: none before learning (age 4, digital 3, city and
            // tier their null and never-seen bins), and the learned counts after it, with the city
            // and tier values seen and some bins past minEvidence (20).
            var before = versions[0].GetProperty("learned");
            var after = versions[1].GetProperty("learned");
            Assert.Equal((0, 0, 11, 0), (before.GetProperty("positives").GetInt32(), before.GetProperty("negatives").GetInt32(), before.GetProperty("bins").GetInt32(), before.GetProperty("matureBins").GetInt32()));
            Assert.Equal(versions[1].GetProperty("evidence").GetInt64(), after.GetProperty("positives").GetInt64() + after.GetProperty("negatives").GetInt64());
            Assert.Equal(4 + 3 + 5 + 4, after.GetProperty("bins").GetInt32());
            Assert.InRange(after.GetProperty("matureBins").GetInt32(), 1, 4 + 3 + 5 + 4);
        }

        Assert.Equal(report, File.ReadAllText(_folder.File("report-db/report.json")));
        Assert.Equal(board, File.ReadAllText(_folder.File("board-db/dashboard.json")));
        Assert.Contains("\"adaptive\"", board);
        Assert.Equal(File.ReadAllText(_folder.File("board-files/dashboard.html")), File.ReadAllText(_folder.File("board-db/dashboard.html")));
        Assert.Equal(reportFiles.Out.Split('\n')[..^2], reportDb.Out.Split('\n')[..^2]);
        Assert.Contains("adaptive online for fund-offer: evidence 0 to ", reportFiles.Out);
    }

    [Fact]
    public void Maps_ThatCannotBeRead_AreOneErrorLine()
    {
        var missing = _folder.File("no-such-folder");

        var report = Repo.Cli("report", "--decisions", "d.jsonl", "--outcomes", "o.jsonl", "--maps", missing, "--out", _folder.File("r"));
        var board = Repo.Cli("dashboard", "--decisions", "d.jsonl", "--outcomes", "o.jsonl", "--maps", missing, "--out", _folder.File("b"));

        Assert.Equal((1, 1), (report.Exit, board.Exit));
        Assert.Equal($"error: no folder '{missing}'\n", report.Error);
        Assert.Equal(report.Error, board.Error);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// 300 customers decided on 2 November with no evidence, a third of the actions converting within
    /// the 7-day window; learned on 10 November (every window closed) into the map's state file;
    /// decided again with it. A last response on 20 November closes the second week's windows.
    /// </summary>
    private (string Db, string Decisions, string Outcomes) TwoCycles()
    {
        var random = new Random(18);
        var customers = _folder.File("customers.jsonl");
        File.WriteAllLines(customers, Enumerable.Range(0, 300).Select(i => OnlineMap.Customer($"C{i:D4}", random)));
        var db = _folder.File("h.db");
        var week1 = OnlineMap.Path(_folder.File("week1"));
        var learned = Path.Combine(_folder.File("week2"), "state.json");
        var week2 = OnlineMap.Path(_folder.File("week2"));
        File.WriteAllText(week2, OnlineMap.Yaml + "\n    state: state.json\n");

        var lines = new List<string>();
        var responses = new List<string>();
        foreach (var (map, at) in new[] { (week1, "2026-11-02"), (week2, "2026-11-10") })
        {
            if (map == week2)
            {
                Assert.Equal(0, Repo.Cli("learn", week1, "--db", db, "--at", "2026-11-10T00:00:00Z", "--out", learned).Exit);
            }

            var decided = _folder.File($"decisions-{at}.jsonl");
            var evaluated = Repo.Cli("evaluate", map, "--customers", customers, "--at", at + "T00:00:00Z", "--db", db, "--offers-are-contacts", "--out", decided);
            Assert.True(evaluated.Exit == 0, evaluated.Error);
            var outcomes = _folder.File($"outcomes-{at}.jsonl");
            File.WriteAllLines(outcomes, Responses(File.ReadLines(decided), at, random));
            Assert.Equal(0, Repo.Cli("history", "import", "--outcomes", outcomes, "--db", db).Exit);
            lines.AddRange(File.ReadLines(decided));
            responses.AddRange(File.ReadLines(outcomes));
        }

        var last = _folder.File("outcomes-last.jsonl");
        File.WriteAllText(last, """{"customerId":"C0000","at":"2026-11-20T00:00:00Z","product":"fund","kind":"responded"}""" + "\n");
        Assert.Equal(0, Repo.Cli("history", "import", "--outcomes", last, "--db", db).Exit);
        responses.AddRange(File.ReadLines(last));
        File.WriteAllLines(_folder.File("decisions.jsonl"), lines);
        File.WriteAllLines(_folder.File("outcomes.jsonl"), responses);
        return (db, _folder.File("decisions.jsonl"), _folder.File("outcomes.jsonl"));
    }

    private static IEnumerable<string> Responses(IEnumerable<string> decisions, string day, Random random)
    {
        foreach (var line in decisions)
        {
            var decision = System.Text.Json.Nodes.JsonNode.Parse(line)!;
            foreach (var action in decision["actions"]!.AsArray().Where(_ => random.NextDouble() < 0.35))
            {
                var at = DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture).AddDays(random.Next(1, 6));
                yield return $$"""{"customerId":"{{decision["customerId"]}}","at":"{{at:yyyy-MM-dd}}T12:00:00Z","strategy":"{{action!["strategy"]}}","product":"{{action["product"]}}","kind":"converted","value":10}""";
            }
        }
    }
}
