using System.Text.Json;
using Decisioning.History.Tests.Support;

namespace Decisioning.History.Tests.Cli;

/// <summary>
/// <c>dashboard --db</c> and <c>dashboard --postgres</c> read the history's served decisions and
/// responses as the same lines the files hold: the board equals the board over the files imported.
/// </summary>
public sealed class DashboardFromHistoryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [SkippableTheory]
    [InlineData("--db")]
    [InlineData("--postgres")]
    public void Dashboard_OverAHistory_EqualsDashboardOverTheSameFiles(string store)
    {
        var (decisions, outcomes) = TwoWeeksOfDecisions();
        string where;
        if (store == "--postgres")
        {
            Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
            where = PostgresServer.NewDatabase();
        }
        else
        {
            where = _folder.File("h.db");
        }

        Assert.Equal(0, Repo.Cli("history", "import", "--decisions", decisions, store, where).Exit);
        Assert.Equal(0, Repo.Cli("history", "import", "--outcomes", outcomes, store, where).Exit);

        var fromFiles = Repo.Cli("dashboard", "--decisions", decisions, "--outcomes", outcomes, "--period", "7d", "--out", _folder.File("files"));
        var fromHistory = Repo.Cli("dashboard", store, where, "--period", "7d", "--out", _folder.File("history"));

        Assert.Equal(0, fromFiles.Exit);
        Assert.Equal(0, fromHistory.Exit);
        var expected = File.ReadAllText(Path.Combine(_folder.File("files"), "dashboard.json"));
        using (var board = JsonDocument.Parse(expected))
        {
            // Enough on the board that an empty or partial read would differ.
            Assert.Equal(2, board.RootElement.GetProperty("periods").GetArrayLength());
            Assert.True(board.RootElement.GetProperty("counts").GetProperty("attributedOutcomes").GetInt32() > 50);
            Assert.True(board.RootElement.GetProperty("funnel").GetArrayLength() > 10);
        }

        Assert.Equal(expected, File.ReadAllText(Path.Combine(_folder.File("history"), "dashboard.json")));
        Assert.Equal(
            File.ReadAllText(Path.Combine(_folder.File("files"), "dashboard.html")),
            File.ReadAllText(Path.Combine(_folder.File("history"), "dashboard.html")));
        Assert.Equal(fromFiles.Out.Split('\n')[0], fromHistory.Out.Split('\n')[0]);
    }

    [Fact]
    public void Dashboard_WithNeitherFilesNorHistory_SaysWhatIsMissing()
    {
        var result = Repo.Cli("dashboard", "--out", _folder.File("board"));

        Assert.Equal(1, result.Exit);
        Assert.Contains("give --decisions and --outcomes, or a history with --db or --postgres", result.Error);
        Assert.Contains("not both", Repo.Cli("dashboard", "--db", _folder.File("a.db"), "--postgres", "Host=x", "--out", _folder.File("b")).Error);
    }

    public void Dispose() => _folder.Dispose();

    // 400 sample customers decided twice, a week apart, and their responses: every fourth decided
    // customer responds to its first action (or counterfactual), every eighth converts.
    private (string Decisions, string Outcomes) TwoWeeksOfDecisions()
    {
        var customers = Repo.Customers(_folder, 400);
        var decisions = _folder.File("decisions.jsonl");
        var outcomes = _folder.File("outcomes.jsonl");
        var lines = new List<string>();
        foreach (var at in new[] { "2026-11-26T00:00:00Z", "2026-12-03T00:00:00Z" })
        {
            var week = _folder.File($"decisions-{at[..10]}.jsonl");
            Assert.Equal(0, Repo.Cli("evaluate", Repo.SampleMap, "--customers", customers, "--at", at, "--out", week).Exit);
            lines.AddRange(File.ReadLines(week));
        }

        File.WriteAllLines(decisions, lines);
        File.WriteAllLines(outcomes, Responses(lines));
        return (decisions, outcomes);
    }

    private static IEnumerable<string> Responses(IEnumerable<string> decisions)
    {
        var n = 0;
        foreach (var line in decisions)
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.TryGetProperty("error", out _) || n++ % 4 != 0)
            {
                continue;
            }

            var first = root.GetProperty("actions").EnumerateArray().Concat(
                root.TryGetProperty("counterfactual", out var c) ? c.EnumerateArray() : []).FirstOrDefault();
            if (first.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var (customer, at) = (root.GetProperty("customerId").GetString(), root.GetProperty("at").GetDateTimeOffset().AddDays(2));
            var (strategy, product) = (first.GetProperty("strategy").GetString(), first.GetProperty("product").GetString());
            var kind = n % 8 == 1 ? "converted" : "responded";
            yield return $$"""{"customerId":"{{customer}}","at":"{{at:yyyy-MM-ddTHH:mm:ssZ}}","strategy":"{{strategy}}","product":"{{product}}","kind":"{{kind}}","value":{{(kind == "converted" ? 500 : 0)}}}""";
        }
    }
}
