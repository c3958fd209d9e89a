using System.Text.Json;
using System.Text.Json.Nodes;
using Decisioning.History.Sqlite;
using Decisioning.History.Tests.Support;

namespace Decisioning.History.Tests.Cli;

public sealed class HistoryCommandTests : IDisposable
{
    private const string At = "2026-11-26T00:00:00Z";
    private readonly TempFolder _folder = new();

    [Fact]
    public void Evaluate_WithDb_PrintsTheSameLines_AndStoresEveryDecisionAndAction()
    {
        var customers = Repo.Customers(_folder, 300);
        var db = _folder.File("h.db");

        var plain = Repo.Cli("evaluate", Repo.SampleMap, "--customers", customers, "--at", At);
        var recorded = Repo.Cli("evaluate", Repo.SampleMap, "--customers", customers, "--at", At, "--db", db);

        Assert.Equal(0, recorded.Exit);
        Assert.Equal(plain.Out, recorded.Out);
        var lines = Lines(plain.Out).Select(l => JsonNode.Parse(l)!).Where(l => l["error"] is null).ToList();
        using var history = new SqliteHistory(db);
        var counts = history.Count();
        Assert.Equal(lines.Count, counts.Decisions);
        Assert.Equal(lines.Sum(l => l["actions"]!.AsArray().Count), counts.Offers);
        Assert.Equal(0, counts.Contacts);
        // Each stored line is the printed one, byte for byte (evaluate hands the history the line it wrote).
        Assert.Equal(Lines(plain.Out).Where(l => !l.Contains("\"error\"", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            history.Decisions(HistoryQuery.All).Select(d => d.Line).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Evaluate_WithOffersAreContacts_TheNextRunSeesTheContacts()
    {
        var customers = Repo.Customers(_folder, 200);
        var db = _folder.File("h.db");

        var first = Repo.Cli("evaluate", Repo.SampleMap, "--customers", customers, "--at", At, "--db", db, "--offers-are-contacts");
        var next = Repo.Cli("evaluate", Repo.SampleMap, "--customers", customers, "--at", "2026-11-27T00:00:00Z", "--db", db);
        var without = Repo.Cli("evaluate", Repo.SampleMap, "--customers", customers, "--at", "2026-11-27T00:00:00Z");

        Assert.Equal(0, first.Exit);
        // The sample snapshots carry contacts of their own: the history's add to them.
        Assert.True(Cooldowns(next.Out) > Cooldowns(without.Out) + 50, $"{Cooldowns(next.Out)} cooldowns with the history, {Cooldowns(without.Out)} without");
    }

    [Fact]
    public void Explain_WithDb_SeesTheCustomersContacts()
    {
        var customers = Repo.Customers(_folder, 50);
        var db = _folder.File("h.db");
        var decided = Repo.Cli("evaluate", Repo.SampleMap, "--customers", customers, "--at", At, "--db", db, "--offers-are-contacts");
        var line = Lines(decided.Out).Index().First(l => l.Item.Contains("\"rank\":1")).Index;
        var one = _folder.File("one.json");
        File.WriteAllText(one, File.ReadLines(customers).ElementAt(line));

        var explained = Repo.Cli("explain", Repo.SampleMap, "--customer", one, "--at", "2026-11-27T00:00:00Z", "--db", db, "--format", "json");

        Assert.Equal(0, explained.Exit);
        Assert.Contains("\"reason\":\"cooldown\"", explained.Out);
    }

    [Fact]
    public void Report_OverAHistory_EqualsReportOverTheSameFiles()
    {
        var customers = Repo.Customers(_folder, 1000);
        var decisions = _folder.File("decisions.jsonl");
        Assert.Equal(0, Repo.Cli("evaluate", Repo.SampleMap, "--customers", customers, "--at", At, "--out", decisions).Exit);
        var outcomes = _folder.File("outcomes.jsonl");
        File.WriteAllLines(outcomes, Outcomes(decisions));
        var db = _folder.File("h.db");
        Assert.Equal(0, Repo.Cli("history", "import", "--decisions", decisions, "--db", db).Exit);
        Assert.Equal(0, Repo.Cli("history", "import", "--outcomes", outcomes, "--db", db).Exit);

        var fromFiles = Repo.Cli("report", "--decisions", decisions, "--outcomes", outcomes, "--out", _folder.File("files"));
        var fromHistory = Repo.Cli("report", "--db", db, "--out", _folder.File("history"));

        Assert.Equal(0, fromHistory.Exit);
        var expected = File.ReadAllText(Path.Combine(_folder.File("files"), "report.json"));
        Assert.Contains("\"converters\"", expected);
        Assert.Equal(expected, File.ReadAllText(Path.Combine(_folder.File("history"), "report.json")));
    }

    [Fact]
    public void Import_ThenExport_GivesBackTheSameRecords_AndAgainAddsNothing()
    {
        var customers = Repo.Customers(_folder, 100);
        var decisions = _folder.File("decisions.jsonl");
        Repo.Cli("evaluate", Repo.SampleMap, "--customers", customers, "--at", At, "--out", decisions);
        var contacts = _folder.File("contacts.jsonl");
        File.WriteAllLines(contacts,
        [
            """{"customerId":"C1","channel":"sms","at":"2026-11-20T08:00:00Z","strategy":"s","product":"p","wave":2,"outcome":"sent"}""",
            """{"customerId":"C2","channel":"app-push","at":"2026-11-21T08:00:00.5Z","strategy":null,"product":null,"wave":1,"outcome":null}""",
        ]);
        var outcomes = _folder.File("outcomes.jsonl");
        File.WriteAllLines(outcomes, ["""{"customerId":"C1","at":"2026-11-22T00:00:00Z","strategy":"s","product":"p","kind":"declined","value":0}"""]);
        var db = _folder.File("h.db");

        foreach (var (kind, file) in new[] { ("--decisions", decisions), ("--contacts", contacts), ("--outcomes", outcomes), ("--decisions", decisions) })
        {
            Assert.Equal(0, Repo.Cli("history", "import", kind, file, "--db", db).Exit);
        }

        var export = Repo.Cli("history", "export", "--db", db, "--out", _folder.File("out"));

        Assert.Equal(0, export.Exit);
        Assert.Equal(File.ReadAllLines(decisions).Where(l => !l.Contains("\"error\"")), File.ReadAllLines(_folder.File("out/decisions.jsonl")));
        Assert.Equal(File.ReadAllLines(contacts).Select(Normal), File.ReadAllLines(_folder.File("out/contacts.jsonl")).Select(Normal));
        Assert.Equal(File.ReadAllLines(outcomes).Select(Normal), File.ReadAllLines(_folder.File("out/outcomes.jsonl")).Select(Normal));
        Assert.NotEmpty(File.ReadAllLines(_folder.File("out/offers.jsonl")));
    }

    [Fact]
    public void Import_CountsAndSkipsBadLines()
    {
        var outcomes = _folder.File("outcomes.jsonl");
        File.WriteAllLines(outcomes,
        [
            """{"customerId":"C1","at":"2026-11-22T00:00:00Z","product":"p","kind":"converted","value":10}""",
            "not json",
            """{"customerId":"C1","at":"yesterday","kind":"converted"}""",
            """{"customerId":"C1","at":"2026-11-22T00:00:00Z","kind":"bought"}""",
            """{"customerId":"C1","at":"2026-11-22T00:00:00Z","kind":"responded","value":"ten"}""",
        ]);

        var result = Repo.Cli("history", "import", "--outcomes", outcomes, "--db", _folder.File("h.db"));

        Assert.Equal(0, result.Exit);
        Assert.Contains("imported 1 outcomes", result.Out);
        Assert.Contains("4 bad lines skipped", result.Out);
    }

    [Fact]
    public void Import_LinesWithStringsThatAreNotTextOrActionsThatAreNotObjects_AreCountedBadAndSkipped()
    {
        // "\ud800" is an escaped lone UTF-16 surrogate: valid JSON, but no text (reading it as a string throws).
        var outcomes = _folder.File("outcomes.jsonl");
        File.WriteAllLines(outcomes,
        [
            """{"customerId":"C1","at":"2026-11-22T00:00:00Z","product":"p","kind":"converted","value":10}""",
            """{"customerId":"C\ud800","at":"2026-11-22T00:00:00Z","kind":"converted"}""",
            """{"customerId":"C1","at":"2026-11-22T00:00:00Z","product":"\udc00","kind":"converted"}""",
            // Past double's range: infinity, which no JSON line can hold (export and report --db would fail).
            """{"customerId":"C1","at":"2026-11-22T00:00:00Z","kind":"converted","value":1e400}""",
        ]);
        var contacts = _folder.File("contacts.jsonl");
        File.WriteAllLines(contacts,
        [
            """{"customerId":"C1","channel":"sms","at":"2026-11-20T08:00:00Z"}""",
            """{"customerId":"C1","channel":"\ud800","at":"2026-11-20T08:00:00Z"}""",
        ]);
        var decisions = _folder.File("decisions.jsonl");
        const string Decision = """{"customerId":"C1","map":"m","version":"1","at":"2026-11-26T00:00:00Z","actions":[{"rank":1,"strategy":"s","product":"p","channel":"sms","score":1}]}""";
        File.WriteAllLines(decisions,
        [
            Decision,
            Decision.Replace("\"actions\":[", "\"actions\":[\"not an action\",", StringComparison.Ordinal),
            Decision.Replace("\"strategy\":\"s\"", "\"strategy\":\"\\ud800\"", StringComparison.Ordinal),
            Decision.Replace("\"score\":1", "\"score\":1e400", StringComparison.Ordinal).Replace("\"C1\"", "\"C2\"", StringComparison.Ordinal),
        ]);
        var db = _folder.File("h.db");

        var fromOutcomes = Repo.Cli("history", "import", "--outcomes", outcomes, "--db", db);
        var fromContacts = Repo.Cli("history", "import", "--contacts", contacts, "--db", db);
        var fromDecisions = Repo.Cli("history", "import", "--decisions", decisions, "--db", db);

        Assert.Equal((0, 0, 0), (fromOutcomes.Exit, fromContacts.Exit, fromDecisions.Exit));
        Assert.Contains("imported 1 outcomes", fromOutcomes.Out);
        Assert.Contains("3 bad lines skipped", fromOutcomes.Out);
        Assert.Contains("imported 1 contacts", fromContacts.Out);
        Assert.Contains("1 bad lines skipped", fromContacts.Out);
        // A score past double's range reads as no score, as a score of the wrong kind does.
        Assert.Contains("imported 2 decisions", fromDecisions.Out);
        Assert.Contains("2 bad lines skipped", fromDecisions.Out);
        // Nothing kept is a number JSON cannot write: the history still exports.
        var export = Repo.Cli("history", "export", "--db", db, "--out", _folder.File("out"));
        Assert.True(export.Exit == 0, export.Error);
        Assert.Contains("\"score\":0", File.ReadAllText(_folder.File("out/offers.jsonl")));
    }

    [Fact]
    public void Import_OfAUtf16CrlfFile_ImportsWhatTheUtf8FileImports()
    {
        // Read by the product's one line reader: the byte order mark picks the encoding, CRLF ends a line.
        string[] lines =
        [
            """{"customerId":"C1","at":"2026-11-22T00:00:00Z","product":"p","kind":"converted","value":10}""",
            """{"customerId":"王女士","at":"2026-11-23T00:00:00Z","product":"p","kind":"responded"}""",
        ];
        var utf8 = _folder.File("outcomes-utf8.jsonl");
        var utf16 = _folder.File("outcomes-utf16.jsonl");
        File.WriteAllLines(utf8, lines);
        File.WriteAllText(utf16, string.Join("\r\n", lines) + "\r\n", System.Text.Encoding.Unicode);

        var fromUtf8 = Repo.Cli("history", "import", "--outcomes", utf8, "--db", _folder.File("a.db"));
        var fromUtf16 = Repo.Cli("history", "import", "--outcomes", utf16, "--db", _folder.File("b.db"));

        Assert.Contains("imported 2 outcomes", fromUtf8.Out);
        Assert.Contains("imported 2 outcomes", fromUtf16.Out);
        Assert.Contains("0 bad lines skipped", fromUtf16.Out);
        Assert.Equal(0, Repo.Cli("history", "export", "--db", _folder.File("a.db"), "--out", _folder.File("a")).Exit);
        Assert.Equal(0, Repo.Cli("history", "export", "--db", _folder.File("b.db"), "--out", _folder.File("b")).Exit);
        foreach (var file in Directory.GetFiles(_folder.File("a")))
        {
            Assert.Equal(File.ReadAllText(file), File.ReadAllText(Path.Combine(_folder.File("b"), Path.GetFileName(file))));
        }
    }

    [Fact]
    public void Import_WithoutExactlyOneFileOrStore_SaysWhatIsMissing()
    {
        Assert.Contains("exactly one of --decisions", Repo.Cli("history", "import", "--db", _folder.File("h.db")).Error);
        Assert.Contains("--db PATH or --postgres", Repo.Cli("history", "import", "--outcomes", "x.jsonl").Error);
        Assert.Contains("not both", Repo.Cli("history", "import", "--outcomes", "x", "--db", "a.db", "--postgres", "Host=x").Error);
    }

    [Fact]
    public void Purge_DeletesTheOldRecords()
    {
        var outcomes = _folder.File("outcomes.jsonl");
        File.WriteAllLines(outcomes,
        [
            """{"customerId":"C1","at":"2026-01-01T00:00:00Z","kind":"converted"}""",
            """{"customerId":"C1","at":"2026-11-22T00:00:00Z","kind":"converted"}""",
        ]);
        var db = _folder.File("h.db");
        Repo.Cli("history", "import", "--outcomes", outcomes, "--db", db);

        var purge = Repo.Cli("history", "purge", "--before", "2026-06-01", "--db", db);

        Assert.Equal(0, purge.Exit);
        Assert.Contains("deleted 1 records", purge.Out);
        using var history = new SqliteHistory(db);
        Assert.Equal(1, history.Count().Responses);
    }

    [Fact]
    public void Purge_BeforeThatIsNotATime_OneErrorLineNamingBefore_Exit1_NothingDeleted()
    {
        var db = _folder.File("h.db");
        var outcomes = _folder.File("o.jsonl");
        File.WriteAllText(outcomes, """{"customerId":"C1","at":"2026-05-01T00:00:00Z","kind":"responded"}""" + "\n");
        Repo.Cli("history", "import", "--outcomes", outcomes, "--db", db);

        var purge = Repo.Cli("history", "purge", "--before", "x", "--db", db);

        Assert.Equal(1, purge.Exit);
        Assert.Equal("error: --before 'x' is not an ISO-8601 date or date-time", purge.Error.Trim());
        using var history = new SqliteHistory(db);
        Assert.Equal(1, history.Count().Responses);
    }

    public void Dispose() => _folder.Dispose();

    private static int Cooldowns(string output) => output.Split("\"reason\":\"cooldown\"").Length - 1;

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Normal(string line) => JsonNode.Parse(line)!.ToJsonString();

    // Deterministic outcomes: every third decided customer converts on the product of its first
    // action (or counterfactual), a week after the decision.
    private static IEnumerable<string> Outcomes(string decisions)
    {
        var n = 0;
        foreach (var line in File.ReadLines(decisions))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.TryGetProperty("error", out _) || n++ % 3 != 0)
            {
                continue;
            }

            var first = root.GetProperty("actions").EnumerateArray().Concat(
                root.TryGetProperty("counterfactual", out var c) ? c.EnumerateArray() : []).FirstOrDefault();
            var product = first.ValueKind == JsonValueKind.Object ? first.GetProperty("product").GetString() : "payroll-account";
            yield return $$"""{"customerId":"{{root.GetProperty("customerId").GetString()}}","at":"2026-12-03T00:00:00Z","product":"{{product}}","kind":"converted","value":{{n * 10}}}""";
        }
    }
}
