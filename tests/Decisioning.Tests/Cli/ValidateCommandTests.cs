using System.Text.Json;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Cli;

public class ValidateCommandTests
{
    [Fact]
    public void Validate_SampleMap_ExitsZeroAndSaysValid()
    {
        var (exit, output, _) = CliRunner.Run("validate", TestPaths.Repo("strategies", "retail-wealth"));

        Assert.Equal(0, exit);
        Assert.StartsWith("valid: map 'retail-wealth'", output.Trim().Split('\n')[^1]);
    }

    [Fact]
    public void Validate_BrokenMap_PrintsEveryProblemAndExitsOne()
    {
        var (exit, output, _) = CliRunner.Run("validate", TestPaths.Maps("invalid", "ten-mistakes.yaml"));

        Assert.Equal(1, exit);
        Assert.Equal(10, output.Split('\n').Count(l => l.Contains(": error DM", StringComparison.Ordinal)));
        Assert.Contains("invalid: 10 errors", output);
    }

    [Fact]
    public void Validate_FormatJson_GivesPositionsAndCodes()
    {
        var (exit, output, _) = CliRunner.Run("validate", TestPaths.Maps("invalid", "DM010-unknown-key.yaml"), "--format", "json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var d = Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("DM010", d.GetProperty("code").GetString());
        Assert.Equal(40, d.GetProperty("line").GetInt32());
        Assert.Equal(5, d.GetProperty("column").GetInt32());
        Assert.Equal("error", d.GetProperty("severity").GetString());
    }

    [Fact]
    public void Validate_MissingPath_ExitsOneWithDiagnostic()
    {
        var (exit, output, _) = CliRunner.Run("validate", "/no/such/map.yaml");

        Assert.Equal(1, exit);
        Assert.Contains("error DM002", output);
    }
}
