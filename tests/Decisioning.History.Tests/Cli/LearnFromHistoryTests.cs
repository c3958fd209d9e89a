using Decisioning.History.Tests.Engine;
using Decisioning.History.Tests.Support;

namespace Decisioning.History.Tests.Cli;

/// <summary>
/// <c>learn --db</c>: the history's contacts binned by the predictor values stored with their
/// offers give the same state as <c>learn</c> over the same decisions, snapshots and outcomes as files.
/// </summary>
public sealed class LearnFromHistoryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void LearnFromAHistory_WritesTheBytesLearnWritesFromTheSameFiles()
    {
        var map = OnlineMap.Path(_folder.File("maps"));
        var random = new Random(3);
        var customers = _folder.File("customers.jsonl");
        File.WriteAllLines(customers, Enumerable.Range(0, 400).Select(i => OnlineMap.Customer($"C{i:D4}", random)));
        var (db, decisions, outcomes) = (_folder.File("h.db"), _folder.File("decisions.jsonl"), _folder.File("outcomes.jsonl"));
        Assert.Equal(0, Repo.Cli("evaluate", map, "--customers", customers, "--at", "2026-11-02T00:00:00Z", "--db", db, "--offers-are-contacts", "--out", decisions).Exit);
        // Responses to about a third of the actions, some named by product only, some declines, some after the 7-day window.
        File.WriteAllLines(outcomes, File.ReadLines(decisions).SelectMany((line, i) =>
        {
            var decision = System.Text.Json.Nodes.JsonNode.Parse(line)!;
            return decision["actions"]!.AsArray().Where(_ => random.NextDouble() < 0.35).Select(a =>
                $$"""{"customerId":"{{decision["customerId"]}}","at":"2026-11-0{{random.Next(3, 10)}}T12:00:00Z",{{(i % 4 == 0 ? "" : $"\"strategy\":\"{a!["strategy"]}\",")}}"product":"{{a!["product"]}}","kind":"{{(random.NextDouble() < 0.8 ? "converted" : "declined")}}"}""");
        }));
        Assert.Equal(0, Repo.Cli("history", "import", "--outcomes", outcomes, "--db", db).Exit);

        var fromHistory = Repo.Cli("learn", map, "--db", db, "--at", "2026-11-12T00:00:00Z", "--out", _folder.File("history.json"));
        var fromFiles = Repo.Cli("learn", map, "--decisions", decisions, "--snapshots", customers, "--outcomes", outcomes, "--at", "2026-11-12T00:00:00Z",
            "--out", _folder.File("files.json"));

        Assert.Equal(0, fromHistory.Exit);
        Assert.Equal(0, fromFiles.Exit);
        Assert.Equal(File.ReadAllText(_folder.File("files.json")), File.ReadAllText(_folder.File("history.json")));
        Assert.Matches(@"interactions: [1-9]\d* positive, [1-9]\d* negative; not counted: 0 open window\(s\), 0 without", fromHistory.Out);
    }

    [Fact]
    public void Learn_WithBothAHistoryAndFiles_OrNeither_IsOneErrorLine()
    {
        var map = OnlineMap.Path(_folder.File("maps"));

        var both = Repo.Cli("learn", map, "--db", _folder.File("h.db"), "--decisions", "d.jsonl", "--out", _folder.File("s.json"));
        var neither = Repo.Cli("learn", map, "--out", _folder.File("s.json"));

        Assert.Equal((1, 1), (both.Exit, neither.Exit));
        Assert.Equal("error: give a history (--db or --postgres), or --decisions with --snapshots and --outcomes\n", both.Error);
        Assert.Equal(both.Error, neither.Error);
    }

    public void Dispose() => _folder.Dispose();
}
