using Decisioning.Loading;
using Decisioning.Plan;

namespace Decisioning.Testing.Tests.Support;

/// <summary>The repository's sample map, strategies/retail-wealth, loaded once, and its decision time.</summary>
internal static class SampleMap
{
    /// <summary>The decision time of the sample customers (samples/README.md).</summary>
    public static readonly DateTime At = new(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Lazy<DecisionPlan> Loaded = new(() => Load(Repo("strategies", "retail-wealth")));

    public static DecisionPlan Plan => Loaded.Value;

    public static string Repo(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

    /// <summary>
    /// Another version of the sample map: the folder copied to a temporary one, with
    /// <paramref name="edit"/> applied to the text of <paramref name="file"/>.
    /// </summary>
    public static DecisionPlan Edited(string file, Func<string, string> edit)
    {
        var source = Repo("strategies", "retail-wealth");
        var copy = Directory.CreateTempSubdirectory("decisioning-testing-").FullName;
        try
        {
            foreach (var path in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(source, path));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(path, target);
            }

            var edited = Path.Combine(copy, file);
            var before = File.ReadAllText(edited);
            var after = edit(before);
            if (after == before)
            {
                throw new InvalidOperationException($"the edit changed nothing in {file}");
            }

            File.WriteAllText(edited, after);
            return Load(copy);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    public static DecisionPlan Load(string path)
    {
        var result = MapLoader.Load(path);
        return result.Plan ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
    }

    private static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Decisioning.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("cannot find Decisioning.sln above the test output");
    }
}
