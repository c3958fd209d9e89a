using Decisioning.Plan;
using Decisioning.Compilation;
using Decisioning.Diagnostics;
using Decisioning.Model;
using Decisioning.Runtime;
using Xunit;

namespace Decisioning.Tests.Compilation;

/// <summary>The sandbox of docs/expressions.md: what compiles, what is refused and where.</summary>
public class ExpressionSandboxTests
{
    private static readonly RowLayout Customer = new([
        ("age", new FieldType(FieldKind.Int, false)),
        ("aum", new FieldType(FieldKind.Decimal, false)),
        ("name", new FieldType(FieldKind.String, false)),
        ("city", new FieldType(FieldKind.String, true)),
        ("risk", new FieldType(FieldKind.Int, true)),
        ("isRetiree", new FieldType(FieldKind.Bool, false)),
    ]);

    private static readonly ExpressionScope Scope = ExpressionScope.ForTiers(Customer).ForStrategies();

    private static (CompiledCondition? Compiled, DiagnosticBag Diagnostics) Compile(string text)
    {
        var diagnostics = new DiagnosticBag();
        var compiled = ExpressionCompiler.Compile(new Located<string>(text, new SourceLocation("m.yaml", 3, 11)), Scope, diagnostics);
        return (compiled, diagnostics);
    }

    [Theory]
    [InlineData("DateTime.Now.Year > 2000", "DM052", 11)]
    [InlineData("Environment.Exit(1) == null", "DM051", 11)]
    [InlineData("System.IO.File.Exists(\"/etc/passwd\")", "DM051", 11)]
    [InlineData("name.GetType().Name == \"String\"", "DM050", 16)]
    [InlineData("\"\".GetType().Assembly != null", "DM050", 14)]
    [InlineData("typeof(string) != null", "DM051", 11)]
    [InlineData("new(1 as x) != null", "DM052", 11)]
    [InlineData("age = 5", "DM052", 15)]
    [InlineData("holdings.Any(h => h == \"x\")", "DM052", 20)]
    [InlineData("name.Substring(1) == \"x\"", "DM052", 16)]
    [InlineData("agee > 1", "DM051", 11)]
    [InlineData("age >", "DM050", 16)]
    [InlineData("age + 1", "DM055", 11)]
    [InlineData("stagee == \"x\"", "DM051", 11)]
    public void Compile_ForbiddenOrBroken_IsRefusedWithPosition(string text, string code, int column)
    {
        var (compiled, diagnostics) = Compile(text);

        Assert.Null(compiled);
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(code, error.Code);
        Assert.Equal(new SourceLocation("m.yaml", 3, column), error.Location);
    }

    [Fact]
    public void Compile_LongerThanLimit_IsRefused()
    {
        var text = string.Join(" || ", Enumerable.Repeat("age > 1", 1000));

        var (compiled, diagnostics) = Compile(text);

        Assert.Null(compiled);
        Assert.Equal(DiagnosticCodes.ExpressionTooLong, Assert.Single(diagnostics.Items).Code);
    }

    [Theory]
    [InlineData(40, '(')]
    [InlineData(3000, '!')]
    [InlineData(3000, '-')]
    public void Compile_NestedDeeperThanLimit_IsRefused(int depth, char opener)
    {
        var text = opener == '(' ? new string('(', depth) + "true" + new string(')', depth) : new string(opener, depth) + "age > 1";

        var (compiled, diagnostics) = Compile(text);

        Assert.Null(compiled);
        Assert.Equal(DiagnosticCodes.ExpressionTooDeep, Assert.Single(diagnostics.Items).Code);
    }

    [Theory]
    [InlineData("age >= 55 || isRetiree", true)]
    [InlineData("aum >= 500000", true)]
    [InlineData("aum >= 0.5 && age < 100", true)]
    [InlineData("name == \"王女士\"", true)]
    [InlineData("name.StartsWith(\"王\") && name.Length == 3", true)]
    [InlineData("city.StartsWith(\"B\")", false)]
    [InlineData("!city.StartsWith(\"B\")", true)]
    [InlineData("risk >= 3", false)]
    [InlineData("risk == null", true)]
    [InlineData("age in (57, 58, 59)", true)]
    [InlineData("holdings.Contains(\"payroll\")", true)]
    [InlineData("segments.Contains(\"retirees\") && tier == \"wealth\" && stage == null", true)]
    [InlineData("Math.Abs(age - 60) <= 2", true)]
    [InlineData("age / 0 > 1", false)]
    [InlineData("age > 1 ? isRetiree : false", true)]
    public void Compile_AllowedExpression_EvaluatesOverTheFrame(string text, bool expected)
    {
        var (compiled, diagnostics) = Compile(text);
        Assert.True(compiled is not null, string.Join("\n", diagnostics.Items));

        var row = new ValueRow(Customer);
        row.Int[0] = 58;
        row.Dec[0] = 820000m;
        row.Str[0] = "王女士";
        row.Bool[0] = true;
        var frame = new Frame { Customer = row, Holdings = ["payroll"], Segments = ["retirees"], Tier = "wealth" };

        Assert.Equal(expected, compiled!.Test(frame));
    }
}
