using System.Buffers;
using System.Text;
using Decisioning.Loading;
using Decisioning.Tests.Support;
using Xunit;
using Decisioning.Serialization;

namespace Decisioning.Tests.GoldenDecisions;

/// <summary>
/// The sample map (strategies/retail-wealth) on the first 300 sample customers at a fixed time,
/// compared whole with Golden/sample-decisions.jsonl: any change to a decision, its trace or its
/// JSON shows up as a diff. Rewrite with <c>UPDATE_GOLDEN=1</c> after reviewing why it changed.
/// </summary>
public sealed class SampleDecisionsTests
{
    private const int Customers = 300;
    private static readonly DateTime At = new(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Evaluate_First300SampleCustomers_MatchTheGoldenDecisions()
    {
        var loaded = MapLoader.Load(TestPaths.Repo("strategies", "retail-wealth"));
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        var decider = new LineDecider(loaded.Plan!);
        var output = new StringBuilder();
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var line in File.ReadLines(TestPaths.Repo("samples", "customers.jsonl")).Take(Customers))
        {
            buffer.Clear();
            decider.Decide(line, At, buffer);
            output.Append(Encoding.UTF8.GetString(buffer.WrittenSpan)).Append('\n');
        }

        Golden.Verify(output.ToString(), "sample-decisions.jsonl");
    }
}
