using Decisioning.Diagnostics;
using Decisioning.Loading;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;

namespace Decisioning.Tests.Hardening.Fuzz;

/// <summary>What the fuzzing harness (<see cref="FuzzTests"/>) found, each kept as a plain test.</summary>
public sealed class FuzzFindingsTests
{
    [Theory]
    [InlineData("hasPhone == \"text\"")]
    [InlineData("age == \"forty\"")]
    public void Expression_LiteralTheParserCannotConvert_IsASyntaxDiagnosticNotACrash(string when)
    {
        var result = MapLoader.LoadText(Head + $$"""

            products: [ { id: p } ]
            channels: [ { id: c } ]
            strategies: [ { id: s, product: p, channels: [c], when: '{{when}}' } ]
            """);

        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.Code is DiagnosticCodes.ExpressionSyntax or DiagnosticCodes.ExpressionType);
    }

    [Fact]
    public void Models_SameIdTwice_IsADuplicateIdDiagnosticNotACrash()
    {
        var result = MapLoader.LoadText(Head + """

            models:
              - { id: m, kind: logistic, intercept: 0, coefficients: { age: 0.1 } }
              - { id: m, kind: logistic, intercept: 1, coefficients: { age: 0.2 } }
            products: [ { id: p } ]
            channels: [ { id: c } ]
            strategies: [ { id: s, product: p, channels: [c], propensity: { model: m } } ]
            """);

        Assert.False(result.Success);
        Assert.Equal(DiagnosticCodes.DuplicateId, Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error).Code);
    }

    [Fact]
    public void Scripts_SameChannelTwiceInAStrategy_IsADiagnosticNotACrash()
    {
        var result = MapLoader.LoadText(Head + """

            products: [ { id: p } ]
            channels: [ { id: c } ]
            scripts: [ { id: a, text: "x" }, { id: b, text: "y" } ]
            strategies: [ { id: s, product: p, channels: [c], scripts: { c: a, c: b } } ]
            """);

        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.DuplicateKey);
    }
}
