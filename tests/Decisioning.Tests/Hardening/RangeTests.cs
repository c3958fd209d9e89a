using Decisioning.Diagnostics;
using Decisioning.Loading;
using Decisioning.Tests.Cli;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;

namespace Decisioning.Tests.Hardening;

/// <summary>
/// Durations, values and coefficients have bounds that keep every computation finite
/// (docs/limits.md): beyond them the map is refused with its position; within them nothing
/// overflows, even at the edges of the calendar.
/// </summary>
public sealed class RangeTests
{
    private static string Sections(string strategy = "", string product = "", string model = "") => Head + "\n" + $$"""
        products:
          - { id: fund, value: 10 {{product}} }
        channels:
          - { id: sms, contactPolicy: { max: 1, per: 7d } }
        scenarios:
          - { id: deposit, kind: event, event: large-deposit, within: 3d }
        models:
          - { id: m, kind: logistic, intercept: 0, coefficients: { age: 0.01 {{model}} } }
        strategies:
          - { id: s1, product: fund, objective: growth, channels: [sms], scenario: deposit, propensity: { model: m } {{strategy}} }
        """;

    public static TheoryData<string, string> OutOfRange => new()
    {
        { Sections(strategy: ", cooldown: 99999999d"), "longer than 100 years" },
        { Sections(strategy: ", cooldown: 36501d"), "longer than 100 years" },
        { Sections(strategy: ", cooldown: 876001h"), "longer than 100 years" },
        { Sections(product: ", value: 1e308").Replace("value: 10 ,", ""), "a product's value" },
        { Sections().Replace("weight: 1.0", "weight: 1e7"), "an objective's weight" },
        { Sections(model: ", aum: 1e300"), "the coefficient of 'aum'" },
        { Sections().Replace("intercept: 0", "intercept: -1e9"), "intercept" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Validate_ValueBeyondItsBound_IsOutOfRangeNotACrash(string sections, string message)
    {
        var result = MapLoader.LoadText(sections);
        Assert.False(result.Success);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(DiagnosticCodes.OutOfRange, error.Code);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Validate_LongestDurations_AreValid()
    {
        var result = MapLoader.LoadText(Sections(strategy: ", cooldown: 36500d").Replace("per: 7d", "per: 52560000m").Replace("within: 3d", "within: 876000h"));
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("0001-01-01T00:00:01Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    public void Evaluate_AtTheEdgesOfTheCalendar_WithLongWindows_DecidesEveryCustomer(string at)
    {
        var map = Path.Combine(Path.GetTempPath(), $"decisioning-edge-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(map, Sections(strategy: ", cooldown: 36500d").Replace("within: 3d", "within: 36500d"));
        var customers = Path.Combine(Path.GetTempPath(), $"decisioning-edge-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(customers, Customer(extra: $$"""
            "events": [{"type": "large-deposit", "at": "{{at}}", "amount": 1}],
            "contacts": [{"channel": "sms", "at": "0001-01-01", "strategy": "s1"}]
            """.Replace("\n", " ")) + "\n" + Customer("C2") + "\n");

        var (exit, output, error) = CliRunner.Run("evaluate", map, "--customers", customers, "--at", at);

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.DoesNotContain("\"error\"", l));
    }
}
