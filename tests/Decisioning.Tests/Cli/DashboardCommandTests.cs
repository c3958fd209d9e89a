using System.Text.Json;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Cli;

public sealed class DashboardCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("decisioning-dashboard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Dashboard_TwoDaysOfEvaluatedDecisions_WritesBothFilesWithTheMapsCapacity()
    {
        var map = TestPaths.Repo("strategies", "retail-wealth");
        var decisions = Path.Combine(_dir, "decisions.jsonl");
        foreach (var (day, file) in new[] { ("2026-11-23", "d1.jsonl"), ("2026-12-01", "d2.jsonl") })
        {
            var (code, _, _) = CliRunner.Run("evaluate", map, "--customers", TestPaths.Repo("samples", "customers.jsonl"), "--at", day + "T00:00:00Z", "--out", Path.Combine(_dir, file));
            Assert.Equal(0, code);
        }

        File.WriteAllLines(decisions, File.ReadLines(Path.Combine(_dir, "d1.jsonl")).Concat(File.ReadLines(Path.Combine(_dir, "d2.jsonl"))));
        var outcomes = Path.Combine(_dir, "outcomes.jsonl");
        File.WriteAllText(outcomes, """{"customerId": "C0001", "at": "2026-11-24T00:00:00Z", "product": "pension-fund", "kind": "declined"}""" + "\n");
        var output = Path.Combine(_dir, "board");

        var (exit, stdout, error) = CliRunner.Run("dashboard", "--decisions", decisions, "--outcomes", outcomes, "--map", map, "--lang", "zh", "--out", output);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("6,000 decisions of 3,000 customers in 2 periods of 7d", stdout, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", File.ReadAllText(Path.Combine(output, "dashboard.html")), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "dashboard.json")));
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("periods").GetArrayLength());
        Assert.True(root.GetProperty("funnel").GetArrayLength() > 0);
        var capacities = root.GetProperty("channels").EnumerateArray().Where(c => c.GetProperty("perDay").ValueKind == JsonValueKind.Number).ToList();
        Assert.NotEmpty(capacities);
        Assert.All(capacities, c => Assert.Equal(2 * c.GetProperty("perDay").GetInt64(), c.GetProperty("capacity").GetInt64()));
    }

    [Theory]
    [InlineData("--period", "0d", "--period '0d' is not a duration")]
    [InlineData("--window", "week", "--window 'week' is not a duration")]
    [InlineData("--lang", "fr", "--lang 'fr' must be en or zh")]
    public void Dashboard_BadOption_ExitsOneWithTheReason(string option, string value, string message)
    {
        var (exit, _, error) = CliRunner.Run("dashboard", "--decisions", "none.jsonl", "--outcomes", "none.jsonl", option, value, "--out", _dir);

        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboard_MissingFile_ExitsOne()
    {
        var (exit, _, error) = CliRunner.Run("dashboard", "--decisions", Path.Combine(_dir, "none.jsonl"), "--outcomes", Path.Combine(_dir, "none.jsonl"), "--out", _dir);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }
}
