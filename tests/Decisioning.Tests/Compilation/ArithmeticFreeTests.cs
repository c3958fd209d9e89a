using Decisioning.Plan;
using Decisioning.Compilation;
using Decisioning.Diagnostics;
using Decisioning.Model;
using Decisioning.Runtime;
using Xunit;

namespace Decisioning.Tests.Compilation;

/// <summary>
/// Which conditions run without the try/catch that turns an arithmetic exception into false
/// (<see cref="ArithmeticFree"/>), and that those which can throw still give false.
/// </summary>
public class ArithmeticFreeTests
{
    private static readonly RowLayout Customer = new([
        ("age", new FieldType(FieldKind.Int, false)),
        ("aum", new FieldType(FieldKind.Decimal, false)),
        ("city", new FieldType(FieldKind.String, true)),
        ("risk", new FieldType(FieldKind.Int, true)),
    ]);

    private static CompiledCondition Compile(string text)
    {
        var diagnostics = new DiagnosticBag();
        var compiled = ExpressionCompiler.Compile(new Located<string>(text, new SourceLocation("m.yaml", 1, 1)),
            ExpressionScope.ForTiers(Customer).ForStrategies(), diagnostics);
        Assert.True(compiled is not null, string.Join("\n", diagnostics.Items));
        return compiled;
    }

    private static Frame Frame(int age, decimal aum)
    {
        var row = new ValueRow(Customer);
        row.Int[Customer.Find("age")!.Slot] = age;
        row.Dec[Customer.Find("aum")!.Slot] = aum;
        return new Frame { Customer = row, Holdings = ["card"], Segments = ["a"], Tier = "mass" };
    }

    [Theory]
    [InlineData("age >= 18 && aum < 500000")]
    [InlineData("city == \"上海\" || city == null")]
    [InlineData("risk >= 3")]
    [InlineData("tier == \"mass\" && holdings.Contains(\"card\") && !segments.Contains(\"b\")")]
    [InlineData("aum >= 10")]
    public void Holds_ComparisonsAndLogic_CannotThrow(string text)
    {
        Assert.False(Compile(text).MayThrow);
    }

    [Theory]
    [InlineData("aum * 1000000000000000000 > 1")]
    [InlineData("1000 / age > 1")]
    [InlineData("age % age == 0")]
    [InlineData("aum + aum > 1")]
    [InlineData("city.StartsWith(\"上\")")]
    public void Holds_ArithmeticOrCalls_MayThrow(string text) => Assert.True(Compile(text).MayThrow);

    [Theory]
    [InlineData("aum * 1000000000000000000 * 1000000000000000000 > 1")]
    [InlineData("1000 / age > 1")]
    public void Test_ArithmeticExceptionInAGuardedCondition_IsFalse(string text)
    {
        // Decimal overflow and division by zero: the guarded path still turns them into false.
        Assert.False(Compile(text).Test(Frame(age: 0, aum: 2)));
    }

    [Fact]
    public void Test_UnguardedCondition_GivesItsValue()
    {
        var compiled = Compile("age >= 18 && holdings.Contains(\"card\") && segments.Contains(\"a\")");
        Assert.True(compiled.Test(Frame(age: 30, aum: 1)));
        Assert.False(compiled.Test(Frame(age: 10, aum: 1)));
    }
}
