using Decisioning.Plan;
using Decisioning.Diagnostics;
using Decisioning.Evaluation;
using Decisioning.Loading;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;
using Decisioning.Snapshots;

namespace Decisioning.Tests.Liquid;

/// <summary>
/// Script limits (docs/limits.md): what the text shows is refused at load with its position; what
/// only a customer's values reach fails at render, as that customer's error record.
/// </summary>
public sealed class ScriptLimitTests
{
    private static string Sections(string script) => $$"""
        products:
          - { id: fund, name: Fund }
        channels:
          - { id: sms }
        scripts:
          - id: s
            text: '{{script.Replace("'", "''")}}'
        strategies:
          - { id: s1, product: fund, channels: [sms], scripts: { sms: s } }
        """;

    private static IReadOnlyList<Diagnostic> Diagnostics(string script)
    {
        var result = MapLoader.LoadText(Head + "\n" + Sections(script));
        Assert.False(result.Success, "the map should be refused");
        return [.. result.Diagnostics.Where(d => d.Severity == Severity.Error)];
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        { "{{ customer.name | money }}", DiagnosticCodes.ScriptUnknownFilter, "unknown filter 'money'" },
        { "{{ customer.name | upcasee }}", DiagnosticCodes.ScriptUnknownFilter, "did you mean 'upcase'" },
        { "{% iff customer.age > 1 %}x{% endif %}", DiagnosticCodes.ScriptForbidden, "did you mean 'if'" },
        { "{% include 'other' %}", DiagnosticCodes.ScriptForbidden, "the tag 'include' is not allowed" },
        { "{% render 'other' %}", DiagnosticCodes.ScriptForbidden, "the tag 'render' is not allowed" },
        { "Today is {{ 'now' | date: '%Y-%m-%d' }}", DiagnosticCodes.ScriptForbidden, "reads the clock" },
        { "{{ 'today' | date: '%Y' }}", DiagnosticCodes.ScriptForbidden, "reads the clock" },
        { string.Concat(Enumerable.Repeat("{% if true %}", 9)) + string.Concat(Enumerable.Repeat("{% endif %}", 9)), DiagnosticCodes.ScriptTooLarge, "nested 9 deep" },
        { "{{ 1" + string.Concat(Enumerable.Repeat(" | plus: 1", 17)) + " }}", DiagnosticCodes.ScriptTooLarge, "more than 16 filters" },
        { new string('x', 4097), DiagnosticCodes.ScriptTooLarge, "at most 4,096" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Load_HostileOrUnknownScript_IsAnErrorWithItsCode(string script, string code, string message)
    {
        var errors = Diagnostics(script);
        var error = Assert.Single(errors);
        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message);
        Assert.Contains("script 's'", error.Message);
    }

    [Fact]
    public void Load_UnknownFilter_PointsAtTheFilter()
    {
        var error = Assert.Single(Diagnostics("Hello {{ customer.name | money }}"));
        // The scalar starts at column 20 of its line ("    text: '" + the quote); "money" is 25 characters in.
        var line = (Head + "\n" + Sections("Hello {{ customer.name | money }}")).Split('\n').ToList().FindIndex(l => l.Contains("money")) + 1;
        Assert.Equal(line, error.Location.Line);
        var column = (Head + "\n" + Sections("Hello {{ customer.name | money }}")).Split('\n')[line - 1].IndexOf("money", StringComparison.Ordinal) + 1;
        Assert.Equal(column, error.Location.Column);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(5000)]
    public void Load_NestingThatWouldOverflowTheStack_IsRefusedNotACrash(int depth)
    {
        // Were this rendered (or parsed) without limits, the process would die of a stack
        // overflow: reaching the assertion at all is the test.
        var script = string.Concat(Enumerable.Repeat("{% if true %}", depth)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", depth));
        var errors = Diagnostics(script.Length > ScriptLimits.MaxTemplateLength ? script[..ScriptLimits.MaxTemplateLength] : script);
        Assert.NotEmpty(errors);
        var chain = "{{ 1" + string.Concat(Enumerable.Repeat(" | plus: 1", depth)) + " }}";
        Assert.NotEmpty(Diagnostics(chain.Length > ScriptLimits.MaxTemplateLength ? chain[..(ScriptLimits.MaxTemplateLength - 3)] + " }}" : chain));
    }

    public static TheoryData<string, int, string> FailsAtRender => new()
    {
        { "{{ 100 | divided_by: customer.age }}", 0, "divided by 0" },
        { "{{ 100 | modulo: customer.age }}", 0, "divided by 0" },
        { "{% for i in (1..customer.age) %}{{ i }}{% endfor %}", 100_000_000, "script 's' failed" },
        { "{% for i in (1..9999) %}{% for j in (1..9999) %}{% endfor %}{% endfor %}", 1, "script 's' failed" },
        {
            "{% assign s = 'xxxxxxxxxxxxxxxx' %}{% for i in (1..20) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}",
            1, "script 's' failed"
        },
        { "{{ customer.city | date: '%Y' }}", 1, "never reads the clock" },
    };

    [Theory]
    [MemberData(nameof(FailsAtRender))]
    public void Render_LimitOrCustomerValue_IsTheCustomersErrorRecordWithinABound(string script, int age, string message)
    {
        var plan = Load(Sections(script));
        var (customer, _) = new SnapshotReader(plan).Read(Customer(age: age, extra: "\"city\": \"now\""));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var failed = Assert.Throws<DecisionFailedException>(() => new Evaluator(plan).Decide(customer!, At));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(SnapshotErrorCodes.EvaluationFailed, failed.Error.Code);
        Assert.Contains(message, failed.Error.Message);
    }

    [Theory]
    [InlineData("{{ 2.5 | round }}", "3")]
    [InlineData("{{ 0.25 | round: 1 }}", "0.3")]
    [InlineData("{{ 1234.5678 | divided_by: 10000 }}", "0.12345678")]
    [InlineData("[{{ customer.name | slice: 50 }}]", "[]")]
    public void Render_AsShopifyLiquid(string script, string expected)
    {
        var decision = Decide(Sections(script), Customer());
        Assert.Equal(expected, decision.Actions[0].Script);
    }
}
