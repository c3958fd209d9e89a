using System.Text.Json;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Cli;

public class ExplainCommandTests
{
    private static readonly string SpecMap = TestPaths.Maps("spec-example", "map.yaml");
    private static readonly string SpecCustomer = TestPaths.Maps("spec-example", "customer-C001.json");

    [Fact]
    public void Explain_SpecCustomer_ShowsProfileGatesAndTheFailingGate()
    {
        var (exit, output, _) = CliRunner.Run("explain", SpecMap, "--customer", SpecCustomer, "--at", "2026-11-23T00:00:00Z");

        Assert.Equal(0, exit);
        Assert.Contains("wealth", output);
        Assert.Contains("honeymoon", output);
        Assert.Contains("retiree-pension", output);
        Assert.Contains("cooldown", output);
        Assert.Contains("✗ cooldown", output);
    }

    [Fact]
    public void Explain_FormatJson_ListsEveryGateWithValuesWhereAConditionFailed()
    {
        var (exit, output, _) = CliRunner.Run("explain", SpecMap, "--customer", SpecCustomer, "--at", "2026-11-23T00:00:00Z", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var strategy = Assert.Single(json.RootElement.GetProperty("strategies").EnumerateArray());
        Assert.Equal("cooldown", strategy.GetProperty("reason").GetString());
        var gates = strategy.GetProperty("gates").EnumerateArray().Select(g => g.GetProperty("gate").GetString()!).ToArray();
        Assert.Equal(["active", "target", "scenario", "when", "product", "held", "cooldown"], gates);
        Assert.Equal("retail-wealth", json.RootElement.GetProperty("decision").GetProperty("map").GetString());
    }

    [Fact]
    public void Explain_FailingCondition_ShowsTheExpressionAndTheValuesItSaw()
    {
        var customer = Path.GetTempFileName();
        File.WriteAllText(customer, File.ReadAllText(SpecCustomer).Replace("\"aum\": 820000", "\"aum\": 90000"));

        var (exit, output, _) = CliRunner.Run("explain", SpecMap, "--customer", customer, "--at", "2026-11-23T00:00:00Z", "--format", "json");
        File.Delete(customer);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var strategy = Assert.Single(json.RootElement.GetProperty("strategies").EnumerateArray());
        Assert.Equal("condition", strategy.GetProperty("reason").GetString());
        var when = strategy.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("gate").GetString() == "when");
        Assert.Equal("aum >= 100000", when.GetProperty("expression").GetString());
        Assert.Equal("90000", when.GetProperty("values").GetProperty("aum").GetString());
    }
}
