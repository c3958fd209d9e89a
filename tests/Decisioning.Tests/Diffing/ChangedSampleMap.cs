using Decisioning.Tests.Support;

namespace Decisioning.Tests.Diffing;

/// <summary>
/// A copy of the sample map folder (strategies/retail-wealth) in a temporary folder with one
/// strategy's priority changed: the next map version a strategy analyst would diff.
/// </summary>
public sealed class ChangedSampleMap : IDisposable
{
    public ChangedSampleMap(string strategy, int priority)
    {
        var source = TestPaths.Repo("strategies", "retail-wealth");
        Folder = Path.Combine(Path.GetTempPath(), "decisioning-tests", "diff-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var strategies = Path.Combine(Folder, "strategies.yaml");
        var text = File.ReadAllText(strategies);
        var at = text.IndexOf($"- id: {strategy}", StringComparison.Ordinal);
        var line = text.IndexOf("priority:", at, StringComparison.Ordinal);
        var end = text.IndexOf('\n', line);
        File.WriteAllText(strategies, text[..line] + $"priority: {priority}" + text[end..]);
    }

    public static string Original => TestPaths.Repo("strategies", "retail-wealth");

    public static string Customers => TestPaths.Repo("samples", "customers.jsonl");

    public string Folder { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
