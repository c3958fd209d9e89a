using Decisioning.Evaluation;
using Decisioning.Testing.Checks;
using Decisioning.Testing.Tests.Support;
using Xunit;
using Decisioning.Snapshots;

namespace Decisioning.Testing.Tests.Checks;

/// <summary>The oracle judges the engine, so its own windows are pinned here against spec section 3, by hand.</summary>
public sealed class GateOracleTests
{
    private static readonly DateTime At = new(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Decisioning.Plan.DecisionPlan Plan = SmallMap.Load();
    private static readonly GateOracle Oracle = new(Plan, At);

    [Theory]
    [InlineData("2026-10-27T00:00:00Z", true)]  // at - 30d: outside (at - 30d, at]
    [InlineData("2026-10-27T00:00:01Z", false)]
    [InlineData("2026-11-26T00:00:00Z", false)] // at itself: inside
    [InlineData("2026-11-26T00:00:01Z", true)]  // after at: not yet
    public void Check_ContactForTheStrategy_CoolsDownOverAtMinusCooldownExclusiveToAtInclusive(string contactAt, bool passes)
    {
        var check = Strategy($$"""{"contacts":[{"channel":"sms","at":"{{contactAt}}","strategy":"retiree-pension"}]}""");
        Assert.Equal(passes, check.Gate(ReasonCodes.Cooldown).Passed);
    }

    [Theory]
    [InlineData("2026-11-19T00:00:00Z", "rm-call")] // at - 7d: outside (at - 7d, at], the cap of 1 is not reached
    [InlineData("2026-11-19T00:00:01Z", "sms")]
    [InlineData("2026-11-26T00:00:00Z", "sms")]
    public void Check_ContactOnACappedChannel_CountsOverAtMinusPerExclusiveToAtInclusive(string contactAt, string channel)
    {
        var check = Strategy($$"""{"contacts":[{"channel":"rm-call","at":"{{contactAt}}"}]}""");
        Assert.Equal(channel, check.Channel?.Id);
    }

    [Theory]
    [InlineData("2026-11-23T00:00:00Z", 200000, true)]  // at - within: inside [at - within, at]
    [InlineData("2026-11-22T23:59:59Z", 200000, false)]
    [InlineData("2026-11-26T00:00:00Z", 200000, true)]
    [InlineData("2026-11-26T00:00:01Z", 200000, false)]
    [InlineData("2026-11-25T00:00:00Z", 199999, false)] // in the window, but its condition fails
    public void Check_EventScenario_HoldsForAnEventInsideItsWindowWhoseConditionHolds(string eventAt, int amount, bool passes)
    {
        var check = Strategy($$"""{"events":[{"type":"large-deposit","at":"{{eventAt}}","amount":{{amount}}}]}""");
        Assert.Equal(passes, check.Gate(ReasonCodes.Scenario).Passed);
    }

    [Fact]
    public void Check_ScriptLongerThanMaxLength_FailsThatChannel()
    {
        var check = Strategy("""{"hasPhone":false,"name":"一二三四五六七八九十一二三四五六七八九十"}""");
        Assert.Null(check.Channel);
        Assert.Contains("sms script is", check.Gate(ReasonCodes.NoChannel).Detail);
    }

    [Fact]
    public void Check_EveryGate_IsCheckedEvenAfterOneFails()
    {
        var check = Strategy("""{"age":30}""");
        Assert.Equal(ReasonCodes.NotTargeted, check.FirstFailure?.Reason);
        // Eight gates of part one, and suppression (a strategy without waves has no responded or wave gate).
        Assert.Equal(9, check.Gates.Count);
        Assert.True(check.Gate(ReasonCodes.Scenario).Passed);
    }

    // One customer of the small map: a retiree with a large deposit yesterday, unless overridden.
    private static StrategyCheck Strategy(string overrides)
    {
        var fields = new Dictionary<string, string>
        {
            ["customerId"] = "\"C1\"", ["name"] = "\"王女士\"", ["age"] = "60", ["aum"] = "100000", ["hasPhone"] = "true",
            ["events"] = """[{"type":"large-deposit","at":"2026-11-25T00:00:00Z","amount":300000}]""",
        };
        using var json = System.Text.Json.JsonDocument.Parse(overrides);
        foreach (var property in json.RootElement.EnumerateObject())
        {
            fields[property.Name] = property.Value.GetRawText();
        }

        var text = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
        var (customer, error) = new SnapshotReader(Plan).Read(text);
        Assert.Null(error);
        return Oracle.Check(customer!).Strategies.Single();
    }
}
