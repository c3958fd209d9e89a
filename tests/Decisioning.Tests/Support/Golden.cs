using System.Runtime.CompilerServices;
using Xunit;

namespace Decisioning.Tests.Support;

/// <summary>
/// Golden files compared whole. Run with UPDATE_GOLDEN=1 to rewrite them in the source tree
/// (then review the diff); without it a missing or different file fails the test.
/// </summary>
public static class Golden
{
    public static void Verify(string actual, string relativePath, [CallerFilePath] string caller = "")
    {
        var sourceRoot = FindTestRoot(caller);
        var path = Path.Combine(sourceRoot, "Golden", relativePath);
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests with UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), actual);
    }

    private static string FindTestRoot(string caller)
    {
        var dir = Path.GetDirectoryName(caller);
        while (dir is not null && !File.Exists(Path.Combine(dir, "Decisioning.Tests.csproj")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("cannot find the test project folder");
    }
}
