using System.Text;

namespace Decisioning.History.Tests.Engine;

/// <summary>A decision queued with its line in UTF-8 (as the engine and evaluate queue it) is the same record as one with the line as text.</summary>
public sealed class StoredDecisionTests
{
    private static readonly DateTime At = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);
    private const string Line = """{"customerId":"C1","name":"王女士"}""";

    private static StoredDecision Held(string line = Line) =>
        new("C1", At, "m", "1", "sha256:x", Encoding.UTF8.GetBytes(line), null, OfferRoles.Served);

    [Fact]
    public void HeldInUtf8_EqualsTheSameDecisionWithItsLineAsText()
    {
        var text = new StoredDecision("C1", At, "m", "1", "sha256:x", Line);

        Assert.Equal(text, Held());
        Assert.Equal(Held(), text);
        Assert.Equal(text.GetHashCode(), Held().GetHashCode());
        Assert.Equal(Line, Held().Line);
        Assert.NotEqual(text, Held("""{"customerId":"C2"}"""));
    }

    [Fact]
    public void HeldInUtf8_KeepsTheBytesUntilTheLineIsReplaced()
    {
        var held = Held();

        Assert.Equal(Encoding.UTF8.GetBytes(Line), held.Utf8Line!.Value.ToArray());
        Assert.NotNull((held with { Snapshot = "{}" }).Utf8Line);
        var replaced = held with { Line = "{}" };
        Assert.Null(replaced.Utf8Line);
        Assert.Equal("{}", replaced.Line);
    }
}
