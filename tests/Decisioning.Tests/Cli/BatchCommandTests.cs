using System.Text.Json;
using Decisioning.Tests.Batch;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Cli;

/// <summary><c>decisioning batch</c> end to end through <c>Program.Run</c>.</summary>
public sealed class BatchCommandTests : IDisposable
{
    private const string At = "2026-11-26T00:00:00Z";
    private static readonly string Map = TestPaths.Repo("strategies", "retail-wealth");
    private readonly BatchFolder _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Batch_Sample_WritesListsWithinCapacityAndPrintsTheTotals()
    {
        var (exit, output, error) = CliRunner.Run("batch", Map, "--customers", TestPaths.Repo("samples", "customers.jsonl"), "--at", At, "--out", _work.Path);

        Assert.Equal(0, exit);
        Assert.StartsWith("3,000 customers, 0 errors: ", output);
        Assert.Contains("rm-call", output);
        using var summary = JsonDocument.Parse(_work.Read("summary.json"));
        foreach (var channel in summary.RootElement.GetProperty("channels").EnumerateArray())
        {
            if (channel.GetProperty("capacity").ValueKind == JsonValueKind.Number)
            {
                Assert.InRange(channel.GetProperty("allocated").GetInt64(), 0, channel.GetProperty("capacity").GetInt64());
            }
        }

        // Not a terminal: progress comes as plain lines on stderr, and ends with the totals.
        Assert.Contains("deciding: 3,000 customers", error);
        Assert.Contains("writing: 3,000 decisions", error);
    }

    [Fact]
    public void Batch_BadLines_BecomeErrorRecordsAndTheBatchGoesOn()
    {
        var input = TestPaths.Repo("samples", "customers-bad.jsonl");
        var (exit, output, _) = CliRunner.Run("batch", Map, "--customers", input, "--at", At, "--out", _work.Path);

        Assert.Equal(0, exit);
        var lines = File.ReadAllLines(input).Length;
        var decisions = _work.Lines("decisions.jsonl").Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(lines, decisions.Count);
        var errors = decisions.Count(d => d.TryGetProperty("error", out _));
        Assert.True(errors > 0);
        using var summary = JsonDocument.Parse(_work.Read("summary.json"));
        Assert.Equal(errors, summary.RootElement.GetProperty("errors").GetInt64());
        Assert.Equal(lines - errors, summary.RootElement.GetProperty("customers").GetInt64());
        Assert.Contains($"{errors} errors", output);
    }

    [Fact]
    public void Batch_InvalidMap_ExitsOneBeforeWritingAnything()
    {
        var map = _work["bad-map.yaml"];
        Directory.CreateDirectory(_work.Path);
        File.WriteAllText(map, "map: broken\nversion: \"1\"\nstrategies:\n  - { id: s1, product: nowhere, channels: [sms] }\n");
        var output = _work["out"];

        var (exit, _, error) = CliRunner.Run("batch", map, "--customers", TestPaths.Repo("samples", "customers.jsonl"), "--at", At, "--out", output);

        Assert.Equal(1, exit);
        Assert.Contains("error", error);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("3/3")]
    [InlineData("x")]
    public void Batch_MalformedPartition_ExitsOne(string partition)
    {
        var (exit, _, error) = CliRunner.Run("batch", Map, "--customers", TestPaths.Repo("samples", "customers.jsonl"), "--out", _work.Path,
            "--partition", partition);
        Assert.Equal(1, exit);
        Assert.Contains("--partition", error);
        Assert.False(Directory.Exists(_work.Path));
    }

    [Fact]
    public void BatchMerge_ThreePartitions_WriteTheSameFilesAsOneBatch()
    {
        var input = _work["customers.jsonl"];
        Directory.CreateDirectory(_work.Path);
        File.WriteAllLines(input, File.ReadLines(TestPaths.Repo("samples", "customers.jsonl")).Take(900));
        Assert.Equal(0, CliRunner.Run("batch", Map, "--customers", input, "--at", At, "--out", _work["single"]).Exit);
        for (var i = 0; i < 3; i++)
        {
            var (exit, output, _) = CliRunner.Run("batch", Map, "--customers", input, "--at", At, "--out", _work[$"p{i}"], "--partition", $"{i}/3");
            Assert.Equal(0, exit);
            Assert.StartsWith($"partition {i}/3 of 900 lines: ", output);
        }

        var merged = CliRunner.Run("batch-merge", _work["p1"], _work["p2"], _work["p0"], "--out", _work["merged"]);

        Assert.Equal(0, merged.Exit);
        Assert.Equal(_work.Snapshot("single"), _work.Snapshot("merged"));
    }

    [Fact]
    public void BatchMerge_MissingPartition_ExitsOneAndNamesIt()
    {
        var input = _work["customers.jsonl"];
        Directory.CreateDirectory(_work.Path);
        File.WriteAllLines(input, File.ReadLines(TestPaths.Repo("samples", "customers.jsonl")).Take(30));
        CliRunner.Run("batch", Map, "--customers", input, "--at", At, "--out", _work["p0"], "--partition", "0/2");

        var (exit, _, error) = CliRunner.Run("batch-merge", _work["p0"], "--out", _work["merged"]);

        Assert.Equal(1, exit);
        Assert.Contains("missing: 1/2", error);
        Assert.False(Directory.Exists(_work["merged"]));
    }
}
