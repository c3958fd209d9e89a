using System.Text;
using Decisioning.Serialization;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;

namespace Decisioning.Tests.Serialization;

/// <summary>
/// Lines are written through one reused buffer a thread (<c>DecisionJson</c>'s scratch): each line
/// handed out must be its own copy, whatever was written on the thread before or after it, and a
/// line longer than the buffer a thread keeps must come out whole.
/// </summary>
public sealed class DecisionJsonScratchTests
{
    private const string Sections = """
        products:
          - { id: fund }
        channels:
          - { id: sms }
        strategies:
          - { id: s1, product: fund, channels: [sms], scripts: { sms: hello } }
        scripts:
          - { id: hello, text: "您好 {{ customer.name }}" }
        """;

    [Fact]
    public void ToUtf8_LinesInTurn_EachKeepsItsOwnBytes_ALineLongerThanTheKeptBufferIncluded()
    {
        var plan = Load(Sections);
        var first = Decide(plan, Customer("C1"));
        var second = Decide(plan, Customer("C2", age: 70));
        var action = Assert.Single(first.Actions);
        var withLongScript = first with { Actions = [action with { Script = new string('长', 100_000) }] };

        var firstLine = DecisionJson.ToUtf8(first);
        var firstCopy = firstLine.ToArray();
        var longLine = DecisionJson.ToUtf8(withLongScript);
        var secondLine = DecisionJson.ToUtf8(second);
        var firstAgain = DecisionJson.ToUtf8(first);

        Assert.Equal(firstCopy, firstLine);
        Assert.Equal(firstCopy, firstAgain);
        Assert.NotSame(firstLine, firstAgain);
        Assert.Equal(DecisionJson.ToJson(first), Encoding.UTF8.GetString(firstLine));
        Assert.Equal(DecisionJson.ToJson(second), Encoding.UTF8.GetString(secondLine));
        Assert.Equal(DecisionJson.ToJson(withLongScript), Encoding.UTF8.GetString(longLine));
        Assert.Contains(new string('长', 100_000), Encoding.UTF8.GetString(longLine), StringComparison.Ordinal);
    }

    [Fact]
    public void ToUtf8_ManyThreadsAtOnce_EveryLineIsItsOwnDecisions()
    {
        var plan = Load(Sections);
        var decisions = Enumerable.Range(0, 64).Select(i => Decide(plan, Customer($"C{i}", age: 20 + i))).ToArray();
        var expected = decisions.Select(DecisionJson.ToJson).ToArray();

        var lines = new string[decisions.Length * 50];
        Parallel.For(0, lines.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            lines[i] = Encoding.UTF8.GetString(DecisionJson.ToUtf8(decisions[i % decisions.Length])));

        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Equal(expected[i % decisions.Length], lines[i]);
        }
    }
}
