using System.Text.Json;
using Xunit;

namespace Decisioning.Tests.Cli;

/// <summary>
/// explain says why with the numbers behind it: the segments a failed target required, a
/// channel's contact count against its cap, the event an event scenario matched.
/// </summary>
public sealed class ExplainDetailTests : IDisposable
{
    private const string Map = """
        map: detail
        customer:
          fields: { age: int }
          events:
            large-deposit: { amount: decimal }
        segments:
          - { id: seniors, when: age >= 60 }
          - { id: adults, when: age >= 18 }
        products:
          - { id: fund }
          - { id: card }
          - { id: loan }
        channels:
          - { id: sms, contactPolicy: { max: 2, per: 7d } }
        scenarios:
          - { id: big-deposit, kind: event, event: large-deposit, within: 3d, when: event.amount >= 100000 }
        strategies:
          - { id: for-seniors, target: [seniors], product: fund, channels: [sms] }
          - { id: capped, product: card, channels: [sms] }
          - { id: after-deposit, scenario: big-deposit, product: loan, channels: [sms] }
        """;

    private const string Customer = """
        {"customerId": "C1", "age": 40,
         "events": [{"type": "large-deposit", "at": "2026-11-25T10:00:00Z", "amount": 50000},
                    {"type": "large-deposit", "at": "2026-11-24T09:30:00Z", "amount": 300000}],
         "contacts": [{"channel": "sms", "at": "2026-11-24T08:00:00Z"}, {"channel": "sms", "at": "2026-11-25T08:00:00Z"},
                      {"channel": "sms", "at": "2026-11-10T08:00:00Z"}]}
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("decisioning-explain-").FullName;

    public ExplainDetailTests()
    {
        File.WriteAllText(Path.Combine(_folder, "map.yaml"), Map);
        File.WriteAllText(Path.Combine(_folder, "c1.json"), Customer);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void FailedTarget_ShowsTheRequiredSegmentsAndTheCustomers()
    {
        var target = Gate(Strategy(Json(), "for-seniors"), "target");
        Assert.False(target.GetProperty("passed").GetBoolean());
        Assert.Equal("requires one of: seniors; the customer is in: adults", target.GetProperty("detail").GetString());
    }

    [Fact]
    public void NoChannel_ShowsTheContactCountAgainstTheCap()
    {
        var capped = Strategy(Json(), "capped");
        Assert.Equal("no-channel", capped.GetProperty("reason").GetString());
        var sms = Assert.Single(capped.GetProperty("channels").EnumerateArray());
        Assert.Equal("contact-policy", sms.GetProperty("result").GetString());
        Assert.Equal("2 of max 2 contacts in the last 7d", sms.GetProperty("detail").GetString());
    }

    [Fact]
    public void PassedEventScenario_ShowsWhichEventMatched()
    {
        var scenario = Gate(Strategy(Json(), "after-deposit"), "scenario");
        Assert.True(scenario.GetProperty("passed").GetBoolean());
        Assert.Equal("matched large-deposit at 2026-11-24T09:30:00Z, amount=300000", scenario.GetProperty("detail").GetString());
    }

    [Fact]
    public void TextView_ReadsHeldAsNotAlreadyHeldAndShowsTheDetails()
    {
        var (exit, output, _) = CliRunner.Run("explain", Path.Combine(_folder, "map.yaml"), "--customer", Path.Combine(_folder, "c1.json"), "--at", "2026-11-26T00:00:00Z");
        Assert.Equal(0, exit);
        var flat = string.Join(" ", output.Split(['\n', '│', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("not already held", flat, StringComparison.Ordinal);
        Assert.DoesNotContain("✓ held", flat, StringComparison.Ordinal);
        Assert.Contains("contact-policy", flat, StringComparison.Ordinal);
        Assert.Matches("requires.*one.*of:.*seniors", flat);
    }

    private JsonElement Json()
    {
        var (exit, output, error) = CliRunner.Run("explain", Path.Combine(_folder, "map.yaml"), "--customer", Path.Combine(_folder, "c1.json"),
            "--at", "2026-11-26T00:00:00Z", "--format", "json");
        Assert.True(exit == 0, output + error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static JsonElement Strategy(JsonElement json, string id) =>
        json.GetProperty("strategies").EnumerateArray().Single(s => s.GetProperty("strategy").GetString() == id);

    private static JsonElement Gate(JsonElement strategy, string gate) =>
        strategy.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("gate").GetString() == gate);
}
