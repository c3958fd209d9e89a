using System.Text.Json;
using Decisioning.Reporting.Tests.Support;

namespace Decisioning.Reporting.Tests.Board;

/// <summary>
/// dashboard.json's funnel and no-action counts equal a count made independently from the
/// decision lines' traces (read with JsonDocument, not the board's reader).
/// </summary>
public class FunnelAndNoActionTests
{
    [Theory]
    [InlineData(500, 1)]
    [InlineData(1500, 2)]
    public void Funnel_RandomLog_EqualsACountOfTheTraces(int customers, int seed)
    {
        var (decisions, outcomes) = RandomBoardLog.Make(customers, seed);

        var json = BoardRun.Json(BoardRun.Build(decisions, outcomes));

        var expected = new Dictionary<string, (long Evaluated, long Selected, Dictionary<string, long> Rejected)>();
        foreach (var line in Decisions(decisions))
        {
            foreach (var entry in line.GetProperty("trace").EnumerateArray())
            {
                var strategy = entry.GetProperty("strategy").GetString()!;
                var counts = expected.GetValueOrDefault(strategy, (0, 0, new Dictionary<string, long>()));
                counts.Evaluated++;
                if (entry.GetProperty("outcome").GetString() == "selected")
                {
                    counts.Selected++;
                }
                else
                {
                    var reason = entry.GetProperty("reason").GetString()!;
                    counts.Rejected[reason] = counts.Rejected.GetValueOrDefault(reason) + 1;
                }

                expected[strategy] = counts;
            }
        }

        var funnel = json.GetProperty("funnel").EnumerateArray().ToList();
        Assert.Equal(RandomBoardLog.Strategies.Select(s => s.Strategy), funnel.Select(f => f.GetProperty("strategy").GetString()));
        foreach (var row in funnel)
        {
            var want = expected[row.GetProperty("strategy").GetString()!];
            Assert.Equal(want.Evaluated, row.GetProperty("evaluated").GetInt64());
            Assert.Equal(want.Selected, row.GetProperty("selected").GetInt64());
            var rejected = row.GetProperty("rejected").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())).ToList();
            Assert.Equal(want.Rejected.OrderBy(r => r.Key).Select(r => (r.Key, r.Value)), rejected.OrderBy(r => r.Name));
            // Reasons come in gate order.
            var order = rejected.Select(r => Array.IndexOf(RandomBoardLog.Reasons, r.Name)).ToList();
            Assert.Equal(order.Order(), order);
        }
    }

    [Theory]
    [InlineData(800, 3)]
    public void NoAction_RandomLog_EqualsACountOfTheLinesWithoutActions(int customers, int seed)
    {
        var (decisions, outcomes) = RandomBoardLog.Make(customers, seed);

        var json = BoardRun.Json(BoardRun.Build(decisions, outcomes));

        var expected = Decisions(decisions)
            .Where(d => d.GetProperty("actions").GetArrayLength() == 0)
            .GroupBy(d => d.GetProperty("noAction").GetString()!)
            .ToDictionary(g => g.Key, g => (long)g.Count());
        var actual = json.GetProperty("noAction").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
        Assert.Contains("control", actual.Keys);
        Assert.Equal("control", actual.Keys.Last());
    }

    [Fact]
    public void NoAction_LineWithoutTheField_IsWorkedOutFromTheTrace()
    {
        var at = DecisionLines.Day0;
        string[] decisions =
        [
            BoardLines.Decision("A", at, [], [new("s1", "not-targeted"), new("s2", "cooldown"), new("s3", "scenario")]),
            BoardLines.Decision("B", at, [], [new("s1", "cooldown"), new("s2", "cooldown")]),
            BoardLines.Decision("C", at, [], [], group: "control", counterfactual: [new("s1", "p1", "sms")]),
            BoardLines.Decision("D", at, [], []),
            BoardLines.Decision("E", at, [], [new("s1", "brand-new-gate"), new("s2", "no-channel")]),
            BoardLines.Decision("F", at, [], [new("s1", "no-channel")], noAction: "policy"),
        ];

        var json = BoardRun.Json(BoardRun.Build(decisions, []));

        var noAction = json.GetProperty("noAction").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())).ToList();
        Assert.Equal([("no-strategies", 1L), ("cooldown", 2L), ("policy", 1L), ("brand-new-gate", 1L), ("control", 1L)], noAction);
    }

    [Fact]
    public void Funnel_JsonShape_IsTheSpecsObject()
    {
        var decisions = new[]
        {
            BoardLines.Decision("A", DecisionLines.Day0, [new("retiree-pension", "pension-fund", "rm-call")],
                [new("retiree-pension"), new("card-activation", "arbitration")]),
            BoardLines.Decision("B", DecisionLines.Day0, [], [new("retiree-pension", "scenario"), new("card-activation", "not-targeted")]),
        };

        var json = BoardRun.Json(BoardRun.Build(decisions, []));

        Assert.Equal(
            """[{"strategy":"retiree-pension","evaluated":2,"selected":1,"rejected":{"scenario":1}},{"strategy":"card-activation","evaluated":2,"selected":0,"rejected":{"not-targeted":1,"arbitration":1}}]""",
            JsonSerializer.Serialize(json.GetProperty("funnel")));
    }

    private static IEnumerable<JsonElement> Decisions(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            JsonElement root;
            try
            {
                root = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException)
            {
                continue;
            }

            if (root.TryGetProperty("trace", out _) && root.TryGetProperty("at", out var at) && at.TryGetDateTimeOffset(out _))
            {
                yield return root;
            }
        }
    }
}
