using System.Text.RegularExpressions;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Architecture;

/// <summary>
/// The core's folders depend on each other one way, in the order data flows (docs/architecture.md):
/// a file may name the namespaces of its own folder and of folders below it, never one above. A
/// back edge (a using directive or a qualified name) fails this test with the file that made it.
/// What stands outside the pipeline (batch, diff, hosting and telemetry) is in packages of its own
/// that reference the core, never the other way round: the core assembly references none of them,
/// nor dependency injection, the generic host or CsvHelper.
/// </summary>
public sealed partial class LayeringTests
{
    /// <summary>Bottom first: helpers, files, the map document and its reading, runtime values, the plan, customer snapshots and their readers, then what uses them: the decision pass, learning, the history's records and stores, every line format over them, and what records decisions into a history.</summary>
    public static readonly string[] Layers =
    [
        "Diagnostics", "Files", "Model", "Parsing", "Runtime", "Plan", "Validation", "Compilation", "Loading",
        "Streaming", "Snapshots", "Evaluation", "Adaptive", "History", "Serialization", "Recording",
    ];

    /// <summary>
    /// Back edges still to remove, each with its file: a new one fails the test, and so does one of
    /// these once it is gone (so that the list only shrinks).
    /// </summary>
    private static readonly HashSet<string> KnownBackEdges = new(StringComparer.Ordinal)
    {
        // None left: the last one, the compiler reading a model's state file through the learner's
        // reader, went when the state file's format moved to Plan beside the state it holds.
    };

    [Fact]
    public void EveryFolder_IsOneOfTheLayers()
    {
        var folders = Directory.GetDirectories(Core).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Order(StringComparer.Ordinal);
        Assert.Equal(Layers.Order(StringComparer.Ordinal), folders);
    }

    [Fact]
    public void NoFolder_DependsOnAFolderAboveIt()
    {
        var backEdges = new List<string>();
        foreach (var layer in Layers)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Core, layer), "*.cs", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                var named = Using().Matches(text).Select(m => m.Groups[1].Value)
                    .Concat(Qualified().Matches(text).Select(m => m.Groups[1].Value))
                    .Where(n => n != layer && Array.IndexOf(Layers, n) > Array.IndexOf(Layers, layer))
                    .Distinct(StringComparer.Ordinal);
                backEdges.AddRange(named.Select(n => $"{layer}/{Path.GetRelativePath(Path.Combine(Core, layer), file).Replace('\\', '/')} -> {n}"));
            }
        }

        var added = backEdges.Where(e => !KnownBackEdges.Contains(e)).ToList();
        var removed = KnownBackEdges.Where(e => !backEdges.Contains(e)).ToList();
        Assert.True(added.Count == 0, "back edges: " + string.Join("; ", added));
        Assert.True(removed.Count == 0, "gone, take them off KnownBackEdges: " + string.Join("; ", removed));
    }

    [Fact]
    public void CoreAssembly_ReferencesNoHostingNorCsvNorThePackagesAboveIt()
    {
        var forbidden = new[]
        {
            "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Options",
            "Microsoft.Extensions.Configuration", "CsvHelper", "Decisioning.Batch", "Decisioning.Diffing", "Decisioning.Hosting",
        };
        var referenced = typeof(Decisioning.Loading.MapLoader).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("YamlDotNet", referenced);   // the check reads the core's real references
        Assert.DoesNotContain(referenced, name => forbidden.Any(f => name == f || name.StartsWith(f + ".", StringComparison.Ordinal)));
    }

    [Fact]
    public void ThePackagesOutsideThePipeline_ReferenceTheCore()
    {
        foreach (var type in new[] { typeof(Decisioning.Batch.BatchRunner), typeof(Decisioning.Diffing.MapDiff), typeof(Decisioning.Hosting.IDecisionEngine) })
        {
            Assert.Contains(type.Assembly.GetReferencedAssemblies(), a => a.Name == "Decisioning");
            Assert.NotEqual(typeof(Decisioning.Loading.MapLoader).Assembly, type.Assembly);
        }
    }

    private static string Core => TestPaths.Repo("src", "Decisioning");

    [GeneratedRegex(@"^using (?:static )?Decisioning\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex Using();

    // Decisioning.X.Name, or X.Name written inside the Decisioning namespace (X one of the layers).
    [GeneratedRegex(@"(?<![\w.])(?:Decisioning\.)?(Diagnostics|Files|Model|Parsing|Runtime|Plan|Validation|Compilation|Loading|Evaluation|Snapshots|Streaming|Adaptive|History|Serialization|Recording)\.[A-Z]\w*")]
    private static partial Regex Qualified();
}
