using Decisioning.Loading;
using Decisioning.Tests.Cli;
using Xunit;
using Decisioning.Snapshots;

namespace Decisioning.Tests.Validation;

/// <summary>
/// Messages a user reads are ours: counts agree with their nouns, a tab is reported where it is,
/// and no parser's internals (Fluid's positions, System.Text.Json's byte offsets) leak through.
/// </summary>
public sealed class MessageWordingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("decisioning-wording-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Validate_OneStrategyOneWarning_SaysSoInTheSingular()
    {
        var map = Write("one.yaml", "map: one\nproducts: [{ id: p }]\nchannels: [{ id: c }]\nstrategies: [{ id: s, product: p, channels: [c] }]\n");
        var (exit, output, _) = CliRunner.Run("validate", map);
        Assert.Equal(0, exit);
        Assert.Contains("1 strategy (0 warnings)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OneError_SaysOneError()
    {
        var map = Write("bad.yaml", "map: bad\nstrategies: [{ id: s, product: nope, channels: [] }]\n");
        var (exit, output, _) = CliRunner.Run("validate", map);
        Assert.Equal(1, exit);
        Assert.Matches(@"invalid: \d+ errors?, 0 warnings", output);
        Assert.DoesNotContain("1 errors", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("map: x\nstrategies:\n\t- { id: a }\n", 3, 1)]
    [InlineData("map: x\ncustomer:\n  fields:\n    age: int\n  \tname: string\n", 5, 3)]
    public void TabInIndentation_IsReportedAtTheTabInOurWords(string yaml, int line, int column)
    {
        var result = MapLoader.LoadText(yaml, "tab.yaml");
        var error = Assert.Single(result.Errors);
        Assert.Equal((line, column), (error.Location.Line, error.Location.Column));
        Assert.Equal("YAML syntax: a tab in the indentation; YAML indents with spaces only", error.Message);
    }

    [Fact]
    public void LiquidSyntaxError_HasNoFluidPosition()
    {
        var result = MapLoader.LoadText("""
            map: x
            products: [{ id: p }]
            channels: [{ id: c }]
            scripts:
              - { id: s, text: "{% if true %}x" }
            strategies: [{ id: a, product: p, channels: [c], scripts: { c: s } }]
            """, "liquid.yaml");
        var error = Assert.Single(result.Errors);
        Assert.Equal("script 's': Liquid syntax: '{% endif %}' was expected", error.Message);
    }

    [Theory]
    [InlineData("""{"customerId": "C1", "age": 5""", "invalid JSON: the line ends before the JSON is complete")]
    [InlineData("""{"customerId": "C1", "age": 5}x""", "invalid JSON at byte 31: text after the end of the JSON object")]
    [InlineData("""{"customerId": "C1" "age": 5}""", "invalid JSON at byte 21: a ',' is missing between two values")]
    [InlineData("""{"customerId": "C1", "age": tru}""", "invalid JSON at byte 32: a bare word that is not true, false or null")]
    [InlineData("""{"customerId": "C1", "age": 5,}""", "invalid JSON at byte 31: a trailing comma")]
    public void InvalidJson_IsDescribedInOurWords(string line, string expected)
    {
        var plan = MapLoader.LoadText("map: x\ncustomer:\n  fields: { age: int }\n").Plan!;
        var (_, error) = new SnapshotReader(plan).Read(line);
        Assert.NotNull(error);
        Assert.Equal(SnapshotErrorCodes.InvalidJson, error.Code);
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
