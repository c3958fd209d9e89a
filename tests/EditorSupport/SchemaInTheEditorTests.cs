using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Decisioning.EditorSupport.Tests;

/// <summary>
/// The project's JSON Schema (docs/strategy-map.schema.json) in a real editor's client: the YAML
/// language server that VS Code's YAML extension, Neovim and Helix run, spoken to over LSP. Each
/// map file names the schema in its first line (<c># yaml-language-server: $schema=...</c>).
/// </summary>
public sealed class SchemaInTheEditorTests(ITestOutputHelper output)
{
    private static readonly string Sample = Path.Combine(YamlLanguageServer.RepositoryRoot(), "strategies", "retail-wealth");

    [LanguageServerFact]
    public async Task SampleMap_EveryFile_ValidatesWithNoDiagnostics()
    {
        await using var server = await YamlLanguageServer.StartAsync(Sample);
        var files = Directory.GetFiles(Sample, "*.yaml").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, files.Count);
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.StartsWith("# yaml-language-server: $schema=../../docs/strategy-map.schema.json", text);

            var diagnostics = await server.OpenAsync(file, text);

            output.WriteLine($"{Path.GetFileName(file)}: {diagnostics.Count} diagnostics {diagnostics.ToJsonString()}");
            Assert.Empty(diagnostics);
        }
    }

    [LanguageServerFact]
    public async Task SampleMap_UnquotedDates_StayStringsAsYaml12EditorsReadThem()
    {
        // `active: { from: 2026-11-01 }` is a timestamp in YAML 1.1 and a string in YAML 1.2; the
        // schema wants a string. The sample writes its dates unquoted, as users do.
        var path = Path.Combine(Sample, "strategies.yaml");
        var text = await File.ReadAllTextAsync(path);
        Assert.Matches(@"active: \{ from: \d{4}-\d{2}-\d{2}, to: \d{4}-\d{2}-\d{2} \}", text);
        await using var server = await YamlLanguageServer.StartAsync(Sample);

        var diagnostics = await server.OpenAsync(path, text);
        var badDate = await server.OpenAsync(Path.Combine(Sample, "bad-date.yaml"), Regex.Replace(text, @"from: (\d{4})-(\d{2})-(\d{2})", "from: $1/$2/$3"));

        Assert.Empty(diagnostics);
        // The schema does check the date's form: a date written another way is an error.
        Assert.Contains(badDate, d => (int?)d!["range"]!["start"]!["line"] == LineOf(text, "active: { from:") && Severity(d) == 1);
    }

    [LanguageServerFact]
    public async Task TypoInAStrategyKey_IsReportedAtTheKeyWithTheKeysAllowed()
    {
        var path = Path.Combine(Sample, "strategies.yaml");
        var text = await File.ReadAllTextAsync(path);
        var line = LineOf(text, "    priority: 90");
        await using var server = await YamlLanguageServer.StartAsync(Sample);

        var diagnostics = await server.OpenAsync(path, ReplaceFirst(text, "    priority: 90", "    priorty: 90"));

        output.WriteLine(diagnostics.ToJsonString());
        var typo = Assert.Single(diagnostics);
        Assert.Equal("Property priorty is not allowed.", (string?)typo!["message"]);
        Assert.Equal(1, Severity(typo));
        Assert.Equal(line, (int?)typo["range"]!["start"]!["line"]);
        Assert.Equal(4, (int?)typo["range"]!["start"]!["character"]);
        Assert.Equal(11, (int?)typo["range"]!["end"]!["character"]);
    }

    [LanguageServerFact]
    public async Task CompletionInsideAStrategy_OffersTheStrategyKeysNotYetWritten()
    {
        // A new, indented line inside the first strategy, right after its `priority`.
        var path = Path.Combine(Sample, "strategies.yaml");
        var lines = (await File.ReadAllTextAsync(path)).Split('\n').ToList();
        var at = lines.FindIndex(l => l == "    priority: 90") + 1;
        lines.Insert(at, "    ");
        await using var server = await YamlLanguageServer.StartAsync(Sample);
        await server.OpenAsync(path, string.Join('\n', lines));

        var items = await server.CompleteAsync(path, at, 4);

        var labels = items.Select(i => (string?)i!["label"]).ToList();
        output.WriteLine(string.Join(", ", labels));
        // The first strategy already has id, target, objective, scenario, product, channels,
        // scripts, priority, propensity and cooldown: the schema's other strategy keys are offered.
        Assert.Superset(new HashSet<string?> { "when", "active", "waves", "stopOn" }, labels.ToHashSet());
        Assert.DoesNotContain("priority", labels);
        Assert.DoesNotContain("tiers", labels);
    }

    private static int Severity(JsonNode? diagnostic) => (int?)diagnostic!["severity"] ?? 0;

    private static int LineOf(string text, string start) =>
        text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.TrimStart().StartsWith(start.TrimStart(), StringComparison.Ordinal)).i;

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' is not in the file");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length));
    }
}
