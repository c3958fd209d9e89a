using System.Text.RegularExpressions;
using Decisioning.Batch;
using Decisioning.Tests.Batch;
using Decisioning.Tests.Cli;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Hardening;

/// <summary>
/// <c>batch-merge</c> trusts nothing it reads back from a partition: every strategy and channel id
/// in a manifest, a candidates file or a decisions file is checked against the run, so a crafted
/// partition ends in one line <c>error: ...</c> and exit 1, and nothing is written outside --out.
/// </summary>
public sealed partial class BatchMergeTamperTests : IDisposable
{
    private const string At = "2026-11-26T00:00:00Z";
    private readonly BatchFolder _work = new();

    public BatchMergeTamperTests()
    {
        var input = _work["customers.jsonl"];
        Directory.CreateDirectory(_work.Path);
        File.WriteAllLines(input, File.ReadLines(TestPaths.Repo("samples", "customers.jsonl")).Take(200));
        var (exit, _, error) = CliRunner.Run("batch", TestPaths.Repo("strategies", "retail-wealth"), "--customers", input, "--at", At,
            "--out", Partition, "--partition", "0/1");
        Assert.True(exit == 0, error);
    }

    public void Dispose() => _work.Dispose();

    private string Partition => _work["p0"];

    private string Out => _work["deep/er/merged"];

    private static void Replace(string path, Func<string, string> edit)
    {
        var before = File.ReadAllText(path);
        var after = edit(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(path, after);
    }

    // The first candidates file with at least one candidate, and its first strategy id.
    private (string File, string Strategy) SomeCandidates()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Partition, PartitionWriter.CandidatesFolder)).Order(StringComparer.Ordinal))
        {
            if (StrategyField().Match(File.ReadAllText(file)) is { Success: true } m)
            {
                return (file, m.Groups[1].Value);
            }
        }

        throw new InvalidOperationException("the sample batch reached no channel");
    }

    private (int Exit, string Error) Merge()
    {
        var (exit, _, error) = CliRunner.Run("batch-merge", Partition, "--out", Out);
        return (exit, error);
    }

    private void AssertRefused(int exit, string error, string expected)
    {
        Assert.Equal(1, exit);
        // Progress lines may come first on stderr; the failure is one line.
        var line = Assert.Single(error.Split('\n'), l => l.StartsWith("error", StringComparison.Ordinal));
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", error);
        // Nothing anywhere in the work folder but what the partition run and the merge may write.
        var stray = Directory.EnumerateFiles(_work.Path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_work.Path, f))
            .Where(f => !f.StartsWith("p0", StringComparison.Ordinal) && !f.StartsWith(Path.Combine("deep", "er", "merged"), StringComparison.Ordinal) && f != "customers.jsonl")
            .ToList();
        Assert.Empty(stray);
        Assert.False(File.Exists(Path.Combine(Out, BatchSummary.FileName)), "a refused merge must not look finished");
        Assert.Empty(Directory.Exists(Out) ? Directory.GetFiles(Out, "*.csv") : []);
    }

    [Theory]
    [InlineData("../../escape")]
    [InlineData("../../../../../../tmp/escape")]
    [InlineData("/tmp/escape")]
    [InlineData("Big-Id")]
    [InlineData("")]
    public void Merge_ManifestStrategyIdThatIsNoId_IsRefusedBeforeWriting(string id)
    {
        var (_, strategy) = SomeCandidates();
        Replace(Path.Combine(Partition, PartitionManifest.FileName), t => t.Replace($"\"id\": \"{strategy}\"", $"\"id\": \"{id}\""));

        var (exit, error) = Merge();

        AssertRefused(exit, error, "is not an id");
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void Merge_ManifestChannelIdWithDotDot_IsRefused()
    {
        Replace(Path.Combine(Partition, PartitionManifest.FileName), t => ChannelIdField().Replace(t, "\"id\": \"../x\"", 1));

        var (exit, error) = Merge();

        AssertRefused(exit, error, "channel id '../x' is not an id");
    }

    [Fact]
    public void Merge_CandidateOfAStrategyNotInTheRun_IsRefusedWithItsFileAndRecord()
    {
        var (file, strategy) = SomeCandidates();
        Replace(file, t => t.Replace($"\"strategy\":\"{strategy}\"", "\"strategy\":\"../../escape\""));

        var (exit, error) = Merge();

        AssertRefused(exit, error, "strategy '../../escape' is not a strategy of the run");
        Assert.Contains(Path.GetFileName(file) + ": record 1", error);
    }

    [Fact]
    public void Merge_CandidateOnAChannelItsStrategyDoesNotUse_IsRefused()
    {
        var (file, _) = SomeCandidates();
        Replace(file, t => ChannelField().Replace(t, "\"channel\":\"../../escape\"", 1));

        var (exit, error) = Merge();

        AssertRefused(exit, error, "channel '../../escape' is not a channel of strategy");
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"line\": \"one\"}")]
    [InlineData("[1, 2, 3]")]
    public void Merge_GarbageInACandidatesFile_IsOneLineError(string garbage)
    {
        var (file, _) = SomeCandidates();
        File.WriteAllText(file, garbage + "\n" + File.ReadAllText(file));

        var (exit, error) = Merge();

        AssertRefused(exit, error, "record 1 is not a record this tool wrote");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"line\":1}")]
    [InlineData("garbage")]
    public void Merge_GarbageInThePartitionDecisions_IsOneLineError(string garbage)
    {
        var file = Path.Combine(Partition, PartitionWriter.DecisionsFile);
        File.WriteAllText(file, File.ReadAllText(file) + garbage + "\n");

        var (exit, error) = Merge();

        AssertRefused(exit, error, PartitionWriter.DecisionsFile);
    }

    [Fact]
    public void Merge_DecisionWhoseActionNamesAStrategyNotInTheRun_IsRefused()
    {
        var file = Path.Combine(Partition, PartitionWriter.DecisionsFile);
        var (_, strategy) = SomeCandidates();
        Replace(file, t => t.Replace($"\"strategy\":\"{strategy}\"", "\"strategy\":\"../../escape\""));

        var (exit, error) = Merge();

        AssertRefused(exit, error, "not a strategy of the run");
    }

    [Fact]
    public void Merge_UntouchedPartition_StillMerges()
    {
        var (exit, error) = Merge();

        Assert.True(exit == 0, error);
        Assert.True(File.Exists(Path.Combine(Out, BatchSummary.FileName)));
    }

    [GeneratedRegex("\"strategy\":\"([a-z0-9-]+)\"")]
    private static partial Regex StrategyField();

    [GeneratedRegex("\"channel\":\"[a-z0-9-]+\"")]
    private static partial Regex ChannelField();

    [GeneratedRegex("\"id\": \"[a-z0-9-]+\"")]
    private static partial Regex ChannelIdField();
}
