using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Decisioning.Diagnostics;
using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Tests.Support;
using Xunit;
using Decisioning.Snapshots;

namespace Decisioning.Tests.Docs;

/// <summary>
/// docs/reference is the user's only description of the formats: its JSON examples must parse,
/// its snapshots must be read by the real reader, and every code the code can emit must be listed.
/// </summary>
public sealed partial class ReferenceDocsTests
{
    private static readonly string Folder = TestPaths.Repo("docs", "reference");

    public static TheoryData<string> CodeCatalogues => new()
    {
        { nameof(ReasonCodes) },
        { nameof(SnapshotErrorCodes) },
        { nameof(DiagnosticCodes) },
    };

    [Theory]
    [MemberData(nameof(CodeCatalogues))]
    public void EveryCodeOfTheCatalogue_IsDocumented(string catalogue)
    {
        var type = typeof(ReasonCodes).Assembly.GetTypes().Single(t => t.Name == catalogue && t.IsPublic);
        var codes = type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.NotEmpty(codes);
        var text = string.Concat(Pages().Select(File.ReadAllText));
        var missing = codes.Where(c => !text.Contains($"`{c}`", StringComparison.Ordinal) && !text.Contains($"| {c} |", StringComparison.Ordinal));
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryJsonExample_Parses()
    {
        var examples = Examples().ToList();
        Assert.True(examples.Count >= 12, $"only {examples.Count} examples found");
        foreach (var (page, info, text) in examples)
        {
            foreach (var document in Documents(text))
            {
                var error = Record.Exception(() => JsonDocument.Parse(document).Dispose());
                Assert.True(error is null, $"{page} ({info}): {error?.Message}\n{document}");
            }
        }
    }

    [Fact]
    public void SnapshotExamples_AreDecidedBySampleMapWithoutError()
    {
        var load = MapLoader.Load(TestPaths.Repo("strategies", "retail-wealth"));
        Assert.True(load.Success, string.Join("\n", load.Errors));
        var reader = new SnapshotReader(load.Plan!);
        var snapshots = Examples().Where(e => e.Info == "json snapshot").ToList();
        Assert.NotEmpty(snapshots);
        foreach (var (page, _, text) in snapshots)
        {
            var (customer, error) = reader.Read(text);
            Assert.True(error is null, $"{page}: {error?.Code} {error?.Message}");
            var decision = new Evaluator(load.Plan!).Decide(customer!, new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc));
            Assert.Equal(load.Plan!.Strategies.Count, decision.Trace.Count);
        }
    }

    [Fact]
    public void DecisionExamples_UseOnlyDocumentedKeysAndReasonCodes()
    {
        var decisionPage = File.ReadAllText(Path.Combine(Folder, "decision.md"));
        var reasonPage = File.ReadAllText(Path.Combine(Folder, "reason-codes.md"));
        var decisions = Examples().Where(e => e.Info == "json decision").ToList();
        Assert.True(decisions.Count >= 3);
        foreach (var (_, _, text) in decisions)
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            foreach (var key in Keys(root))
            {
                Assert.Contains($"`{key}`", decisionPage, StringComparison.Ordinal);
            }

            foreach (var entry in root.GetProperty("trace").EnumerateArray())
            {
                Assert.Contains(entry.GetProperty("outcome").GetString(), new[] { "selected", "rejected" });
                if (entry.TryGetProperty("reason", out var reason))
                {
                    Assert.Contains($"`{reason.GetString()}`", reasonPage, StringComparison.Ordinal);
                }
            }

            if (root.TryGetProperty("noAction", out var noAction))
            {
                Assert.Equal(0, root.GetProperty("actions").GetArrayLength());
                Assert.Contains($"`{noAction.GetString()}`", reasonPage, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Docs_PointNowhereOutsideTheRepository()
    {
        var files = Directory.EnumerateFiles(TestPaths.Repo("docs"), "*.md", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(TestPaths.RepositoryRoot, "README.md", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal)));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.False(SpecPointer().IsMatch(text), $"{file}: '{SpecPointer().Match(text).Value}' points at a document users do not have");
        }
    }

    // Every key of the decision and of its nested objects and arrays.
    private static IEnumerable<string> Keys(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Keys(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Keys),
        _ => [],
    };

    private static IEnumerable<string> Pages() => Directory.EnumerateFiles(Folder, "*.md").Order(StringComparer.Ordinal);

    private static IEnumerable<(string Page, string Info, string Text)> Examples() =>
        from page in Pages()
        from Match m in Fence().Matches(File.ReadAllText(page))
        where m.Groups["info"].Value.StartsWith("json", StringComparison.Ordinal)
        select (Path.GetFileName(page), m.Groups["info"].Value.Trim(), m.Groups["body"].Value);

    // A block is one JSON value, or JSON Lines (one value a line).
    private static IEnumerable<string> Documents(string block)
    {
        var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 1 && lines.All(l => l.StartsWith('{') && l.EndsWith('}')) ? lines : [block];
    }

    [GeneratedRegex(@"^```(?<info>[^\n]*)\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"spec section|section \d+ of the spec|shared/spec|strategy-map-v1\.md|\.\./shared", RegexOptions.IgnoreCase)]
    private static partial Regex SpecPointer();
}
