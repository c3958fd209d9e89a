using Decisioning.Tests.Cli;
using Xunit;

namespace Decisioning.Tests.Hardening;

/// <summary>
/// Every command: a missing, unreadable or wrong-kind file (a folder passed as a file) is one
/// line <c>error: ...</c> and exit 1, never a stack trace.
/// </summary>
public sealed class CliFileErrorTests
{

    private static string MapFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"decisioning-map-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Evaluation.TestMaps.Head + "\n" + OneBadCustomerTests.Sections);
        return path;
    }

    public static TheoryData<string> Kinds => new() { "missing", "folder" };

    private static string Bad(string kind)
    {
        var path = Path.Combine(Path.GetTempPath(), $"decisioning-bad-{Guid.NewGuid():N}");
        if (kind == "folder")
        {
            Directory.CreateDirectory(path);
        }

        return path;
    }

    private static void AssertOneErrorLine(int exit, string error, string bad)
    {
        Assert.Equal(1, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, error);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(Path.GetFileName(bad), lines[0]);
        Assert.DoesNotContain("   at ", error);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Evaluate_BadCustomersFile_OneErrorLine(string kind)
    {
        var bad = Bad(kind);
        var (exit, _, error) = CliRunner.Run("evaluate", MapFile(), "--customers", bad, "--at", "2026-11-23");
        AssertOneErrorLine(exit, error, bad);
        if (kind == "folder")
        {
            Assert.Contains("is a folder, not a file", error);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Explain_BadCustomerFile_OneErrorLine(string kind)
    {
        var bad = Bad(kind);
        var (exit, _, error) = CliRunner.Run("explain", MapFile(), "--customer", bad, "--at", "2026-11-23");
        AssertOneErrorLine(exit, error, bad);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Diff_BadCustomersFile_OneErrorLine(string kind)
    {
        var bad = Bad(kind);
        var map = MapFile();
        var (exit, _, error) = CliRunner.Run("diff", map, map, "--customers", bad, "--at", "2026-11-23");
        AssertOneErrorLine(exit, error, bad);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Batch_BadCustomersFile_OneErrorLine(string kind)
    {
        var bad = Bad(kind);
        var (exit, _, error) = CliRunner.Run("batch", MapFile(), "--customers", bad, "--out", Bad("missing"), "--at", "2026-11-23");
        AssertOneErrorLine(exit, error, bad);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Report_BadDecisionsFile_OneErrorLine(string kind)
    {
        var bad = Bad(kind);
        var outcomes = Path.GetTempFileName();
        var (exit, _, error) = CliRunner.Run("report", "--decisions", bad, "--outcomes", outcomes, "--out", Bad("missing"));
        AssertOneErrorLine(exit, error, bad);
    }

    [Fact]
    public void Validate_MissingMap_OneErrorLine()
    {
        var bad = Bad("missing") + ".yaml";
        var (exit, output, error) = CliRunner.Run("validate", bad);
        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", output + error);
        Assert.Contains(Path.GetFileName(bad), output + error);
    }
}
