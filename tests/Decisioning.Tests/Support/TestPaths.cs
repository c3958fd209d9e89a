namespace Decisioning.Tests.Support;

/// <summary>Where the repository's files are, from a test's output folder.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Maps(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Maps", .. parts]);

    public static string Repo(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

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
