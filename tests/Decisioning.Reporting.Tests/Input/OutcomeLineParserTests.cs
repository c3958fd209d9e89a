using System.Text;
using Decisioning.Reporting.Input;

namespace Decisioning.Reporting.Tests.Input;

public class OutcomeLineParserTests
{
    private static OutcomeLine? Parse(string line) => OutcomeLineParser.Parse(Encoding.UTF8.GetBytes(line));

    [Fact]
    public void Parse_SpecSectionSixExample_ReadsEveryField()
    {
        var outcome = Parse("""{"customerId": "C001", "at": "2026-11-25T10:00:00+08:00", "product": "pension-fund", "kind": "converted", "value": 1200}""");

        Assert.Equal(
            new OutcomeLine("C001", new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8)), "pension-fund", OutcomeKind.Converted, 1200),
            outcome);
    }

    [Theory]
    [InlineData("""{"customerId": "C1", "at": "2026-11-25T00:00:00Z", "kind": "responded"}""")]
    [InlineData("""{"customerId": "C1", "at": "2026-11-25T00:00:00Z", "kind": "responded", "value": null}""")]
    public void Parse_NoValue_DefaultsToZero(string line)
    {
        Assert.Equal(0, Parse(line)!.Value);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"customerId": "C1", "at": "2026-11-25T00:00:00Z", "kind": "clicked"}""")]
    [InlineData("""{"customerId": "C1", "at": "2026-11-25T00:00:00Z"}""")]
    [InlineData("""{"customerId": "C1", "kind": "converted"}""")]
    [InlineData("""{"at": "2026-11-25T00:00:00Z", "kind": "converted"}""")]
    [InlineData("""{"customerId": "C1", "at": "2026-11-25T00:00:00Z", "kind": "converted", "value": "12"}""")]
    [InlineData("""{"customerId": "C1", "at": "2026-11-25T00:00:00Z", "kind": "converted", "value": 1e999}""")]
    public void Parse_MalformedLine_IsNull(string line)
    {
        Assert.Null(Parse(line));
    }
}
