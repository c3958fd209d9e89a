using Decisioning.Tests.Diffing;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Cli;

/// <summary><c>diff --decisions</c>: decisions already made, from two decision files or one shadow log.</summary>
public sealed class DiffDecisionsCommandTests : IDisposable
{
    private const string At = "2026-11-26T00:00:00Z";
    private readonly string _dir = Directory.CreateTempSubdirectory("decisioning-diff-decisions-").FullName;
    private readonly ChangedSampleMap _next = new("retiree-pension", 5);
    private readonly string _customers;

    public DiffDecisionsCommandTests()
    {
        _customers = Path.Combine(_dir, "customers.jsonl");
        // Good and bad snapshots: error lines must pair up as the map diff pairs them.
        File.WriteAllLines(_customers, File.ReadLines(ChangedSampleMap.Customers).Take(300)
            .Concat(File.ReadLines(TestPaths.Repo("samples", "customers-bad.jsonl"))));
    }

    public void Dispose()
    {
        _next.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void DiffDecisions_ShadowLogAndTwoDecisionFiles_ReportExactlyWhatTheMapDiffReports(string format)
    {
        var log = Evaluate(ChangedSampleMap.Original, "--shadow", _next.Folder);
        var old = Evaluate(ChangedSampleMap.Original);
        var @new = Evaluate(_next.Folder);

        var maps = Run("diff", ChangedSampleMap.Original, _next.Folder, "--customers", _customers, "--at", At, "--format", format);
        var files = Run("diff", "--decisions", old, @new, "--format", format);
        var shadow = Run("diff", "--decisions", log, "--format", format);

        Assert.Contains("retiree-pension", maps);
        Assert.Equal(maps, files);
        Assert.Equal(maps, shadow);
    }

    [Fact]
    public void DiffDecisions_FilesOfOtherCustomers_ExitsOneNamingTheLine()
    {
        var old = Evaluate(ChangedSampleMap.Original);
        var shifted = Path.Combine(_dir, "shifted.jsonl");
        File.WriteAllLines(shifted, File.ReadLines(old).Skip(1).Append(File.ReadLines(old).First()));

        var (exit, _, error) = CliRunner.Run("diff", "--decisions", old, shifted);

        Assert.Equal(1, exit);
        Assert.Contains("line 1 is customer 'C00001' in the old file and 'C00002' in the new one", error);
    }

    [Fact]
    public void DiffDecisions_Json_FilesThatPartWays_LeaveOneWholeDocumentEndingWithTheError()
    {
        // The new file loses its last line: the run fails at the end, after every change is written.
        var old = Evaluate(ChangedSampleMap.Original);
        var @new = Evaluate(_next.Folder);
        var shorter = Path.Combine(_dir, "shorter.jsonl");
        File.WriteAllLines(shorter, File.ReadLines(@new).SkipLast(1));

        var (exit, output, error) = CliRunner.Run("diff", "--decisions", old, shorter, "--format", "json");

        Assert.Equal(1, exit);
        Assert.Contains("the decision files have different lengths", error);
        using var document = System.Text.Json.JsonDocument.Parse(output);
        Assert.NotEmpty(document.RootElement.GetProperty("changed").EnumerateArray());
        Assert.Contains("different lengths", document.RootElement.GetProperty("error").GetString());
        Assert.False(document.RootElement.TryGetProperty("summary", out _));
    }

    [Fact]
    public void DiffDecisions_LinesThatAreNotDecisions_AreCountedAndSkipped()
    {
        var log = Evaluate(ChangedSampleMap.Original, "--shadow", _next.Folder);
        var damaged = Path.Combine(_dir, "damaged.jsonl");
        // A line cut short, and a decision line without its shadow field.
        File.WriteAllLines(damaged, File.ReadLines(log).Take(5).Append("{\"customerId\": \"X\", \"map\"")
            .Append(File.ReadLines(Evaluate(ChangedSampleMap.Original)).First()));

        var (exit, output, error) = CliRunner.Run("diff", "--decisions", damaged);

        Assert.Equal(0, exit);
        Assert.Contains("of 5 customers change", output);
        Assert.Contains("warning: 2 lines were not decision lines with a shadow field and were skipped", error);
    }

    [Fact]
    public void Diff_MapsAndDecisionsTogether_ExitsOne()
    {
        var (exit, _, error) = CliRunner.Run("diff", ChangedSampleMap.Original, _next.Folder, "--decisions", "x.jsonl");

        Assert.Equal(1, exit);
        Assert.Contains("not both", error);
    }

    private string Evaluate(string map, params string[] extra)
    {
        var output = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".jsonl");
        Run(["evaluate", map, "--customers", _customers, "--at", At, "--out", output, .. extra]);
        return output;
    }

    private static string Run(params string[] args)
    {
        var (exit, output, error) = CliRunner.Run(args);
        Assert.True(exit == 0, error);
        return output;
    }
}
