using System.Buffers;
using System.Text;
using System.Text.Json;
using Decisioning.Batch;
using Xunit;
using Decisioning.Serialization;

namespace Decisioning.Tests.Batch;

/// <summary>The allocated decision line of <c>decisions.jsonl</c>: what changes when actions are dropped.</summary>
public sealed class AllocatedDecisionWriterTests
{
    private const string Line = """{"customerId":"C1","map":"m","version":"1","at":"2026-11-26T00:00:00Z","tier":null,"stage":null,"segments":[],"actions":[{"rank":1,"strategy":"s","objective":null,"scenario":null,"product":"p","channel":"call","script":null,"score":1,"propensity":1}],"trace":[{"strategy":"s","outcome":"selected"}],"mapHash":"sha256:00"}""";

    [Fact]
    public void Write_EveryActionDropped_AddsNoActionCapacityLast()
    {
        var written = Write(Placement.DroppedIndex);

        Assert.EndsWith(""","mapHash":"sha256:00","noAction":"capacity"}""", written);
        Assert.Contains("""{"strategy":"s","outcome":"rejected","reason":"capacity"}""", written);
    }

    [Fact]
    public void Write_AnActionAllocated_HasNoNoAction() =>
        Assert.DoesNotContain("noAction", Write(0));

    private static string Write(int chainIndex)
    {
        using var document = JsonDocument.Parse(Line);
        var candidate = new BatchCandidate(0, "C1", 1, 1, "s", "p", [new ChannelOffer("call", null)]);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, DecisionJson.WriterOptions))
        {
            AllocatedDecisionWriter.Write(w, document.RootElement, [new Placement(candidate, chainIndex)]);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
