using System.Text.Json;
using Decisioning.Batch;
using Xunit;

namespace Decisioning.Tests.Batch;

/// <summary>
/// One batch over the small map of <see cref="BatchMaps"/>: what lands in which list, in which
/// order, how the CSV is written, and how decisions.jsonl and summary.json tell the allocation.
/// </summary>
public sealed class BatchRunnerTests : IDisposable
{
    private readonly BatchFolder _out = new();
    private readonly BatchSummary _summary;

    public BatchRunnerTests() => _summary = BatchRunner.Run(BatchMaps.Load(), BatchMaps.Customers, BatchMaps.At, _out.Path);

    public void Dispose() => _out.Dispose();

    [Fact]
    public void Run_CapacityFull_FallsBackToTheNextChannelThatPassesTheGate()
    {
        Assert.Equal(["C1", "C2"], Ids("fund-call.call.csv"));
        Assert.Equal(["C6"], Ids("fund-call.wechat.csv"));
        // C3 is on wechat but it is full; C4 is not on wechat; C5's sms script is too long.
        Assert.Equal(["C3", "C4"], Ids("fund-call.sms.csv"));
        Assert.Equal(["C1", "C2", "C3", "C4", "C5", "C6"], Ids("card-sms.sms.csv"));
    }

    [Fact]
    public void Run_EveryStrategyAndChannelOfItsList_GetsAListWithAHeader()
    {
        var lists = Directory.GetFiles(_out.Path, "*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["card-sms.sms.csv", "fund-call.call.csv", "fund-call.sms.csv", "fund-call.wechat.csv"], lists);
        Assert.All(Directory.GetFiles(_out.Path, "*.csv"), f => Assert.StartsWith("customerId,rank,score,product,script\n", File.ReadAllText(f)));
    }

    [Fact]
    public void Run_CsvRows_QuoteWhenNeededAndKeepTheDecisionsScoreText()
    {
        var lines = _out.Lines("fund-call.call.csv");
        var score = ActionOf("C1", "fund-call").GetProperty("score").GetRawText();
        Assert.Equal($"C1,1,{score},fund,\"王您好, 基金\"", lines[1]);
        Assert.Equal($"C3,1,{ActionOf("C3", "fund-call").GetProperty("score").GetRawText()},fund,张: 基金", _out.Lines("fund-call.sms.csv")[1]);
        Assert.Equal("C1,2,2.5,card,", _out.Lines("card-sms.sms.csv")[1]);
    }

    [Fact]
    public void Run_FallbackAction_CarriesTheAllocatedChannelAndItsScriptInDecisions()
    {
        var action = ActionOf("C3", "fund-call");
        Assert.Equal("sms", action.GetProperty("channel").GetString());
        Assert.Equal("张: 基金", action.GetProperty("script").GetString());
    }

    [Fact]
    public void Run_ActionDroppedForCapacity_LeavesActionsAndIsListedAndTraced()
    {
        var decision = Decision("C5");
        Assert.Equal(["card-sms"], decision.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("strategy").GetString()));
        var dropped = decision.GetProperty("dropped").EnumerateArray().Single();
        Assert.Equal("fund-call", dropped.GetProperty("strategy").GetString());
        Assert.Equal("call", dropped.GetProperty("channel").GetString());
        Assert.Equal("capacity", dropped.GetProperty("reason").GetString());
        var trace = decision.GetProperty("trace").EnumerateArray().Single(t => t.GetProperty("strategy").GetString() == "fund-call");
        Assert.Equal("""{"strategy":"fund-call","outcome":"rejected","reason":"capacity"}""", trace.GetRawText());
        Assert.False(Decision("C1").TryGetProperty("dropped", out _));
    }

    [Fact]
    public void Run_BadLine_BecomesAnErrorRecordInItsPlaceAndIsCounted()
    {
        var lines = _out.Lines("decisions.jsonl");
        Assert.Equal(BatchMaps.Customers.Length, lines.Length);
        Assert.StartsWith("""{"customerId":"B1","error":{"code":"wrong-type",""", lines[3]);
        Assert.Equal((6, 1), (_summary.Customers, _summary.Errors));
    }

    [Fact]
    public void Run_Summary_CountsAllocatedAndDroppedPerStrategyAndChannel()
    {
        using var summary = JsonDocument.Parse(_out.Read("summary.json"));
        var root = summary.RootElement;
        Assert.Equal(7, root.GetProperty("lines").GetInt64());
        Assert.Equal("""{"returned":12,"allocated":11,"dropped":1}""", Compact(root.GetProperty("actions")));
        var rows = root.GetProperty("strategies").EnumerateArray().Select(Compact).ToList();
        Assert.Equal(
        [
            """{"strategy":"fund-call","channel":"call","allocated":2,"dropped":{"capacity":1}}""",
            """{"strategy":"fund-call","channel":"wechat","allocated":1,"dropped":{"capacity":0}}""",
            """{"strategy":"fund-call","channel":"sms","allocated":2,"dropped":{"capacity":0}}""",
            """{"strategy":"card-sms","channel":"sms","allocated":6,"dropped":{"capacity":0}}""",
        ], rows);
        var sms = root.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "sms");
        Assert.Equal("""{"channel":"sms","capacity":null,"allocated":8,"fallbacks":2,"dropped":0}""", Compact(sms));
    }

    [Fact]
    public void Run_Finished_LeavesNoTemporaryFileOrFolder()
    {
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_out.Path), p => Path.GetFileName(p).StartsWith('.'));
    }

    [Fact]
    public void Run_SortRunsOfOne_WritesTheSameFilesAsInMemory()
    {
        using var spilled = new BatchFolder();
        BatchRunner.Run(BatchMaps.Load(), BatchMaps.Customers, BatchMaps.At, spilled.Path, new BatchOptions { RunLength = 1 });
        Assert.Equal(_out.Snapshot(), spilled.Snapshot());
    }

    [Fact]
    public void Run_ControlGroup_AllocatesThePolicysActionsAndKeepsTheCounterfactualTrace()
    {
        // Everyone in control with the priority policy: the same two actions as the model here.
        var map = BatchMaps.Text + "\nexperiment: { id: holdout, control: 1, controlPolicy: priority }\n";
        using var folder = new BatchFolder();
        BatchRunner.Run(BatchMaps.Load(map), BatchMaps.Customers, BatchMaps.At, folder.Path);
        var c5 = JsonDocument.Parse(folder.Lines("decisions.jsonl")[5]).RootElement;
        Assert.Equal("control", c5.GetProperty("experiment").GetProperty("group").GetString());
        Assert.Equal("capacity", c5.GetProperty("dropped")[0].GetProperty("reason").GetString());
        Assert.Equal(2, c5.GetProperty("counterfactual").GetArrayLength());
        Assert.All(c5.GetProperty("trace").EnumerateArray(), t => Assert.Equal("selected", t.GetProperty("outcome").GetString()));
    }

    private string[] Ids(string list) => [.. _out.Lines(list).Skip(1).Select(l => l.Split(',')[0])];

    private JsonElement Decision(string id) => _out.Lines("decisions.jsonl")
        .Select(l => JsonDocument.Parse(l).RootElement)
        .Single(d => d.GetProperty("customerId").GetString() == id);

    private JsonElement ActionOf(string id, string strategy) =>
        Decision(id).GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("strategy").GetString() == strategy);

    private static string Compact(JsonElement e) => JsonSerializer.Serialize(e);
}
