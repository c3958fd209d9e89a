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

    // Every command that reads a file, with BAD where the file goes; "{ok}" is a readable empty
    // JSON-lines file, "{map}" a valid map, "{out}" a fresh output path.
    public static TheoryData<string, string> EveryCommand()
    {
        string[] commands =
        [
            "evaluate {map} --customers BAD --at 2026-11-23",
            "evaluate {map} --customers {ok} --shadow BAD --at 2026-11-23",
            "explain {map} --customer BAD --at 2026-11-23",
            "diff {map} {map} --customers BAD --at 2026-11-23",
            "batch {map} --customers BAD --out {out} --at 2026-11-23",
            "batch-merge BAD --out {out}",
            "report --decisions BAD --outcomes {ok} --out {out}",
            "report --decisions {ok} --outcomes BAD --out {out}",
            "dashboard --decisions BAD --outcomes {ok} --out {out}",
            "dashboard --decisions {ok} --outcomes BAD --out {out}",
            "learn {map} --decisions BAD --snapshots {ok} --outcomes {ok} --at 2026-11-23 --out {out}",
            "learn {map} --decisions {ok} --snapshots BAD --outcomes {ok} --at 2026-11-23 --out {out}",
            "learn {map} --decisions {ok} --snapshots {ok} --outcomes BAD --at 2026-11-23 --out {out}",
            "learn-merge BAD --out {out}",
            "replay --decisions BAD --snapshots {ok} --maps {folder}",
            "replay --decisions {ok} --snapshots BAD --maps {folder}",
            "history import --decisions BAD --db {out}",
            "history import --contacts BAD --db {out}",
            "history import --outcomes BAD --db {out}",
        ];
        var data = new TheoryData<string, string>();
        foreach (var command in commands)
        {
            foreach (var kind in new[] { "missing", "folder" })
            {
                data.Add(command, kind);
            }
        }

        return data;
    }

    private static string[] Arguments(string command, string bad)
    {
        var ok = Path.GetTempFileName();
        var folder = Directory.CreateTempSubdirectory("decisioning-maps-").FullName;
        var map = MapFile();
        return [.. command.Split(' ').Select(a => a switch
        {
            "BAD" => bad,
            "{ok}" => ok,
            "{map}" => map,
            "{folder}" => folder,
            "{out}" => Path.Combine(Path.GetTempPath(), $"decisioning-out-{Guid.NewGuid():N}"),
            _ => a,
        })];
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void EveryCommand_MissingFileOrFolderForAFile_OneErrorLineExit1(string command, string kind)
    {
        var bad = Bad(kind);
        var (exit, output, error) = CliRunner.Run(Arguments(command, bad));

        Assert.DoesNotContain("   at ", output + error);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (command.Contains("--shadow", StringComparison.Ordinal))
        {
            // A map is reported as maps are: the diagnostic, then one error line.
            Assert.Equal(1, exit);
            Assert.Contains(lines, l => l.StartsWith($"{bad}:1:1: error DM0", StringComparison.Ordinal));
            Assert.StartsWith("error: ", lines[^1]);
            return;
        }

        AssertOneErrorLine(exit, error, bad);
        Assert.Contains((command.StartsWith("batch-merge", StringComparison.Ordinal), kind) switch
        {
            // batch-merge reads folders: an empty one is not a partition.
            (true, "folder") => "is not a finished partition",
            (true, _) => $"no folder '{bad}'",
            (false, "folder") => "is a folder, not a file",
            _ => $"no file '{bad}'",
        }, error);
    }

    [NotRootTheory]
    [InlineData("evaluate {map} --customers BAD --at 2026-11-23")]
    [InlineData("report --decisions BAD --outcomes {ok} --out {out}")]
    [InlineData("learn-merge BAD --out {out}")]
    [InlineData("history import --decisions BAD --db {out}")]
    public void EveryCommand_UnreadableFile_OneErrorLineExit1(string command)
    {
        var bad = Bad("missing");
        File.WriteAllText(bad, "{}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bad, UnixFileMode.None);
        }

        var (exit, _, error) = CliRunner.Run(Arguments(command, bad));

        AssertOneErrorLine(exit, error, bad);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ImportRulesEngine_BadWorkflowFile_OneErrorLineExit2AsDocumented(string kind)
    {
        var bad = Bad(kind);
        var (exit, _, error) = CliRunner.Run("import", "rulesengine", bad, "--out", Bad("missing"));

        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains(Path.GetFileName(bad), error);
    }

    // An empty path reached Path.GetFullPath or Directory.CreateDirectory, which throw ArgumentException: a stack trace, exit 134.
    [Theory]
    [InlineData("validate EMPTY")]
    [InlineData("evaluate EMPTY --customers {ok} --at 2026-11-23")]
    [InlineData("evaluate {map} --customers {ok} --at 2026-11-23 --out EMPTY")]
    [InlineData("evaluate {map} --customers {ok} --at 2026-11-23 --shadow EMPTY")]
    [InlineData("explain EMPTY --customer {ok} --at 2026-11-23")]
    [InlineData("batch {map} --customers {ok} --at 2026-11-23 --out EMPTY")]
    [InlineData("diff {map} EMPTY --customers {ok} --at 2026-11-23")]
    [InlineData("dashboard --decisions {ok} --outcomes {ok} --map EMPTY --out {out}")]
    [InlineData("learn {map} --decisions {ok} --snapshots {ok} --outcomes {ok} --at 2026-11-23 --out EMPTY")]
    [InlineData("replay --decisions {ok} --snapshots {ok} --maps {folder} --out EMPTY")]
    [InlineData("history export --db {out} --out EMPTY")]
    public void EveryCommand_AnEmptyPath_IsRefusedAsACommandLineThatDoesNotParse(string command)
    {
        var (exit, output, error) = CliRunner.Run([.. Arguments(command, "BAD").Select(a => a == "EMPTY" ? "" : a)]);

        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", output + error);
        Assert.Contains("is empty; give a value", error);
    }

    // A file read whole into memory is read only to its limit: a device without end (/dev/zero), or a
    // file of gigabytes, once ran the process out of memory (or past StringBuilder's capacity).
    [UnixFact]
    public void Explain_DevZeroAsTheCustomer_GivesTheTooLongRecord_Exit1()
    {
        var (exit, output, error) = CliRunner.Run("explain", MapFile(), "--customer", "/dev/zero", "--at", "2026-11-23");

        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", output + error);
        Assert.Contains("\"code\":\"invalid-json\"", output);
        Assert.Contains("holds more than 16,777,216 bytes", output);
    }

    [UnixFact]
    public void LearnMerge_DevZero_OneErrorLineNamingTheLimit()
    {
        var (exit, _, error) = CliRunner.Run("learn-merge", "/dev/zero", "--out", Bad("missing"));

        AssertOneErrorLine(exit, error, "/dev/zero");
        Assert.Contains("holds more than 268,435,456 bytes", error);
    }

    [UnixFact]
    public void ImportRulesEngine_DevZero_OneErrorLineExit2()
    {
        var (exit, _, error) = CliRunner.Run("import", "rulesengine", "/dev/zero", "--out", Bad("missing"));

        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains("holds more than 268,435,456 bytes", error);
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

/// <summary>A theory that needs file modes to deny reading: skipped for root, who reads every file whatever its mode.</summary>
public sealed class NotRootTheoryAttribute : TheoryAttribute
{
    public NotRootTheoryAttribute()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            Skip = "root (or Windows) reads a file whatever its Unix mode: an unreadable file cannot be made here";
        }
    }
}
