using Decisioning.Plan;
using Decisioning.Tests.Adaptive;
using Xunit;

namespace Decisioning.Tests.Cli;

/// <summary><c>learn</c>, <c>learn-merge</c> and <c>explain</c> on an adaptive map, end to end through files.</summary>
public sealed class LearnCommandTests : IDisposable
{
    private readonly AdaptiveMaps _maps = new();

    private string Setup()
    {
        _maps.Load(AdaptiveMaps.HandModel);
        _maps.Write("snapshots.jsonl", """
            {"customerId": "C1", "age": 50, "aum": 200000, "isRetiree": true}
            {"customerId": "C2", "age": 30, "aum": 1000, "isRetiree": false}
            """);
        _maps.Write("d1.jsonl", """{"customerId": "C1", "at": "2026-11-01T00:00:00Z", "tier": "rich", "stage": null, "actions": [{"rank": 1, "strategy": "s-fund"}]}""");
        _maps.Write("d2.jsonl", """{"customerId": "C2", "at": "2026-11-01T00:00:00Z", "tier": null, "stage": null, "actions": [{"rank": 1, "strategy": "s-fund"}]}""");
        _maps.Write("outcomes.jsonl", """{"customerId": "C1", "at": "2026-11-02T00:00:00Z", "product": "fund", "kind": "converted"}""");
        return Path.Combine(_maps.Folder, "map.yaml");
    }

    private string[] Learn(string map, string decisions, string output) =>
        ["learn", map, "--decisions", Path.Combine(_maps.Folder, decisions), "--snapshots", Path.Combine(_maps.Folder, "snapshots.jsonl"),
            "--outcomes", Path.Combine(_maps.Folder, "outcomes.jsonl"), "--at", "2026-12-01", "--out", Path.Combine(_maps.Folder, output)];

    [Fact]
    public void Learn_ThenMerge_WritesStatesThatAddUp()
    {
        var map = Setup();
        var (exit, output, error) = CliRunner.Run(Learn(map, "d1.jsonl", "s1.json"));
        Assert.True(exit == 0, error);
        Assert.Contains("interactions: 1 positive, 0 negative", output);
        Assert.Contains("m1 / s-fund: evidence 1 (1 positive)", output);
        Assert.Equal(0, CliRunner.Run(Learn(map, "d2.jsonl", "s2.json")).Exit);

        (exit, output, error) = CliRunner.Run("learn-merge", Path.Combine(_maps.Folder, "s1.json"), Path.Combine(_maps.Folder, "s2.json"),
            "--out", Path.Combine(_maps.Folder, "merged.json"));
        Assert.True(exit == 0, error);
        var merged = AdaptiveStateJson.Read(File.ReadAllText(Path.Combine(_maps.Folder, "merged.json")), out _)!.Find("m1", "s-fund")!;
        Assert.Equal((1L, 1L), (merged.Positives, merged.Negatives));
    }

    [Fact]
    public void LearnMerge_CountsThatAddPastLongMaxValue_FailAndWriteNothing()
    {
        // Wrapped, the sums were negative counts, in a file that no map could load.
        var map = Setup();
        Assert.Equal(0, CliRunner.Run(Learn(map, "d1.jsonl", "s1.json")).Exit);
        var state = File.ReadAllText(Path.Combine(_maps.Folder, "s1.json"));
        var huge = _maps.Write("huge.json", System.Text.RegularExpressions.Regex.Replace(state, "\"positives\": ?1\\b", $"\"positives\": {long.MaxValue}"));
        Assert.Equal(long.MaxValue, AdaptiveStateJson.Read(File.ReadAllText(huge), out _)!.Find("m1", "s-fund")!.Positives);

        var (exit, _, error) = CliRunner.Run("learn-merge", huge, Path.Combine(_maps.Folder, "s1.json"), "--out", Path.Combine(_maps.Folder, "out.json"));

        Assert.Equal(1, exit);
        Assert.Contains("model 'm1' of strategy 's-fund': the counts added exceed 9223372036854775807", error);
        Assert.False(File.Exists(Path.Combine(_maps.Folder, "out.json")));
    }

    [Fact]
    public void LearnMerge_NotAState_FailsWithTheReason()
    {
        var bad = _maps.Write("bad.json", "[]");
        var (exit, _, error) = CliRunner.Run("learn-merge", bad, "--out", Path.Combine(_maps.Folder, "out.json"));

        Assert.Equal(1, exit);
        Assert.Contains("is not a state file", error);
        Assert.False(File.Exists(Path.Combine(_maps.Folder, "out.json")));
    }

    [Fact]
    public void Explain_AdaptiveMap_ShowsEvidenceAndBins()
    {
        var map = Setup();
        Assert.Equal(0, CliRunner.Run(Learn(map, "d1.jsonl", "state.json")).Exit);
        File.AppendAllText(map, "\n    state: state.json\n");
        var customer = _maps.Write("c.json", """{"customerId": "C9", "age": 52, "aum": 300000, "isRetiree": true}""");

        var (exit, output, error) = CliRunner.Run("explain", map, "--customer", customer, "--at", "2026-12-01", "--format", "json");

        Assert.True(exit == 0, error);
        // One interaction is below minEvidence 4: the prior blend (1 + 10 * 0.1) / (1 + 10) = 2/11.
        Assert.Contains("\"adaptive\":[{\"model\":\"m1\",\"strategy\":\"s-fund\",\"propensity\":0.18181818181818182,\"evidence\":1", output);
        Assert.Contains("{\"predictor\":\"age\",\"bin\":\"[40,+inf)\",\"positive\":1,\"negative\":0,\"bins\":3", output);
        Assert.Contains("\"model\":\"m1\",\"evidence\":1}", output);
    }

    [Fact]
    public void Learn_LinesWithStringsThatAreNotText_AreCountedBad_AndTheOthersStillLearn()
    {
        var map = Setup();
        // "\ud800" is an escaped lone UTF-16 surrogate: valid JSON, but no text (reading it as a string throws).
        File.AppendAllText(Path.Combine(_maps.Folder, "d1.jsonl"),
            "\n" + """{"customerId": "C\ud800", "at": "2026-11-01T00:00:00Z", "actions": [{"rank": 1, "strategy": "s-fund"}]}""");
        File.AppendAllText(Path.Combine(_maps.Folder, "outcomes.jsonl"),
            "\n" + """{"customerId": "C1", "at": "2026-11-02T00:00:00Z", "product": "\udc00", "kind": "converted"}""");
        File.AppendAllText(Path.Combine(_maps.Folder, "snapshots.jsonl"), "\n" + """{"customerId": "\ud800"}""");

        var (exit, output, error) = CliRunner.Run(Learn(map, "d1.jsonl", "s1.json"));

        Assert.True(exit == 0, error);
        Assert.DoesNotContain("   at ", error);
        Assert.Contains("interactions: 1 positive, 0 negative", output);
        Assert.Contains("3 bad line", output);
    }

    public void Dispose() => _maps.Dispose();
}
