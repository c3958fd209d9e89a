using System.Text.Json;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Cli;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("decisioning-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Evaluate_SampleCustomers_OneLinePerInputInOrderWithTheGivenTime()
    {
        var input = TestPaths.Repo("samples", "customers.jsonl");
        var output = Path.Combine(_dir, "out", "decisions.jsonl");

        var (exit, _, error) = CliRunner.Run("evaluate", TestPaths.Repo("strategies", "retail-wealth"),
            "--customers", input, "--at", "2026-11-26T00:00:00Z", "--out", output);

        Assert.Equal(0, exit);
        // stderr holds only the end-of-run summary.
        Assert.StartsWith("3,000 customers: ", error, StringComparison.Ordinal);
        var inputIds = File.ReadLines(input).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("customerId").GetString()).ToList();
        var decisions = File.ReadLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(inputIds, decisions.Select(d => d.GetProperty("customerId").GetString()).ToList());
        Assert.All(decisions, d => Assert.Equal("2026-11-26T00:00:00Z", d.GetProperty("at").GetString()));
    }

    [Fact]
    public void Evaluate_ToStdout_SummaryGoesToStderrOnly()
    {
        var (exit, output, error) = CliRunner.Run("evaluate", TestPaths.Repo("strategies", "retail-wealth"),
            "--customers", TestPaths.Repo("samples", "customers-bad.jsonl"), "--at", "2026-11-26T00:00:00Z");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
        var decided = lines.Count(l => !l.Contains("\"error\":", StringComparison.Ordinal));
        var actions = lines.Sum(l => JsonDocument.Parse(l).RootElement.TryGetProperty("actions", out var a) ? a.GetArrayLength() : 0);
        Assert.StartsWith($"{lines.Length:N0} customers: {decided:N0} decided, {lines.Length - decided:N0} errors", error, StringComparison.Ordinal);
        Assert.Contains("strategy", error, StringComparison.Ordinal);
        Assert.Contains("retiree-pension", error, StringComparison.Ordinal);
        Assert.True(actions > 0);
    }

    [Fact]
    public void Evaluate_MixedGoodAndBadLines_GivesOneLineEachInOrder()
    {
        var input = TestPaths.Repo("samples", "customers-bad.jsonl");
        var output = Path.Combine(_dir, "decisions.jsonl");

        var (exit, _, _) = CliRunner.Run("evaluate", TestPaths.Repo("strategies", "retail-wealth"),
            "--customers", input, "--at", "2026-11-26T00:00:00Z", "--out", output);

        Assert.Equal(0, exit);
        var inputs = File.ReadAllLines(input);
        var outputs = File.ReadAllLines(output);
        Assert.Equal(inputs.Length, outputs.Length);
        for (var i = 0; i < inputs.Length; i++)
        {
            using var line = JsonDocument.Parse(outputs[i]);
            var isError = line.RootElement.TryGetProperty("error", out _);
            var inputIsDecidable = TryObject(inputs[i]);
            Assert.True(isError || inputIsDecidable, $"line {i + 1}: a decision for an undecidable input");
        }

        Assert.Contains(outputs, o => o.Contains("\"error\"", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains("\"trace\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_InvalidMap_ExitsOneAndDecidesNothing()
    {
        var output = Path.Combine(_dir, "none.jsonl");

        var (exit, _, error) = CliRunner.Run("evaluate", TestPaths.Maps("invalid", "DM022-unknown-reference.yaml"),
            "--customers", TestPaths.Repo("samples", "customers.jsonl"), "--out", output);

        Assert.Equal(1, exit);
        Assert.Contains("error DM022", error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Evaluate_WithoutAt_EchoesTheCurrentUtcTime()
    {
        var input = Path.Combine(_dir, "one.jsonl");
        File.WriteAllLines(input, [File.ReadLines(TestPaths.Repo("samples", "customers.jsonl")).First()]);
        var before = DateTime.UtcNow.AddSeconds(-1);

        var (exit, output, _) = CliRunner.Run("evaluate", TestPaths.Repo("strategies", "retail-wealth"), "--customers", input);

        Assert.Equal(0, exit);
        var at = DateTime.Parse(JsonDocument.Parse(output).RootElement.GetProperty("at").GetString()!, null,
            System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.InRange(at, before, DateTime.UtcNow.AddSeconds(1));
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    [InlineData("utf-32BE")]
    public void Evaluate_FileWithAByteOrderMarkAndCrLf_DecidesAsThePlainUtf8File(string encoding)
    {
        // The line reader reads bytes: a byte order mark of any Unicode encoding is honoured as a
        // StreamReader honours it (Windows PowerShell 5 writes UTF-16 with `>`).
        var lines = File.ReadLines(TestPaths.Repo("samples", "customers.jsonl")).Take(40).ToList();
        var plain = Path.Combine(_dir, "plain.jsonl");
        File.WriteAllText(plain, string.Join("\n", lines) + "\n", new System.Text.UTF8Encoding(false));
        var marked = Path.Combine(_dir, "marked.jsonl");
        File.WriteAllText(marked, string.Join("\r\n", lines), System.Text.Encoding.GetEncoding(encoding));

        var expected = CliRunner.Run("evaluate", TestPaths.Repo("strategies", "retail-wealth"), "--customers", plain, "--at", "2026-11-26T00:00:00Z");
        var actual = CliRunner.Run("evaluate", TestPaths.Repo("strategies", "retail-wealth"), "--customers", marked, "--at", "2026-11-26T00:00:00Z");

        Assert.Equal(0, actual.Exit);
        Assert.Equal(40, actual.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(expected.Out, actual.Out);
    }

    [Fact]
    public void Evaluate_BytesThatAreNotUtf8_AreDecidedAsReplacementCharacters()
    {
        var line = File.ReadLines(TestPaths.Repo("samples", "customers.jsonl")).First();
        var at = line.IndexOf("王", StringComparison.Ordinal);
        var broken = Path.Combine(_dir, "broken.jsonl");
        File.WriteAllBytes(broken, [.. System.Text.Encoding.UTF8.GetBytes(line[..at]), 0xFF, .. System.Text.Encoding.UTF8.GetBytes(line[(at + 1)..] + "\n")]);
        var replaced = Path.Combine(_dir, "replaced.jsonl");
        File.WriteAllText(replaced, line[..at] + "\uFFFD" + line[(at + 1)..] + "\n");

        var expected = CliRunner.Run("evaluate", TestPaths.Repo("strategies", "retail-wealth"), "--customers", replaced, "--at", "2026-11-26T00:00:00Z");
        var actual = CliRunner.Run("evaluate", TestPaths.Repo("strategies", "retail-wealth"), "--customers", broken, "--at", "2026-11-26T00:00:00Z");

        Assert.Equal(0, actual.Exit);
        Assert.DoesNotContain("\"error\"", actual.Out, StringComparison.Ordinal);
        Assert.Equal(expected.Out, actual.Out);
    }

    private static bool TryObject(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
