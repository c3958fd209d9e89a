using Decisioning.Hosting;
using RulesEngine.Models;
using Xunit;
using RulesEngineCore = RulesEngine.RulesEngine;

namespace Decisioning.RulesEngine.Tests;

/// <summary>
/// The maps' sandbox (docs/expressions.md) holds for workflows: the hostile expressions of the
/// map sandbox tests, written as RulesEngine rules over the policy's inputs, never load.
/// </summary>
public class WorkflowSandboxTests
{
    [Theory]
    [InlineData("DateTime.Now.Year > 2000")]
    [InlineData("Environment.Exit(1) == null")]
    [InlineData("System.IO.File.Exists(\"/etc/passwd\")")]
    [InlineData("customer.name.GetType().Name == \"String\"")]
    [InlineData("\"\".GetType().Assembly != null")]
    [InlineData("typeof(string) != null")]
    [InlineData("new(1 as x) != null")]
    [InlineData("customer.age = 5")]
    [InlineData("customer.holdings.Any(h => h == \"x\")")]
    [InlineData("customer.name.Substring(1) == \"x\"")]
    [InlineData("ExpressionUtils.CheckContains(\"a\", \"a\")")]
    [InlineData("customer.GetDynamicPropertyValue(\"age\") != null")]
    [InlineData("new System.Net.WebClient() != null")]
    [InlineData("Type.GetType(\"System.IO.File\") != null")]
    public void Load_HostileRuleExpression_MapDoesNotLoad(string expression)
    {
        using var map = RulesEnginePolicyTests.Policy(Workflows.One(expression, "hostile"));

        var e = Assert.Throws<MapLoadException>(() => map.Engine);

        Assert.Contains("workflow 'w', rule 'hostile'", e.Message);
        Assert.True(e.Message.Contains("refused by the sandbox") || e.Message.Contains("cannot be parsed") || e.Message.Contains("assignment"), e.Message);
    }

    [Theory]
    [InlineData("""{"WorkflowName": "w", "GlobalParams": [{"Name": "now", "Expression": "DateTime.Now"}], "Rules": [{"RuleName": "r", "Expression": "now.Year > 2000"}]}""", "global params, param 'now'")]
    [InlineData("""{"WorkflowName": "w", "Rules": [{"RuleName": "r", "LocalParams": [{"Name": "t", "Expression": "customer.GetType()"}], "Expression": "t != null"}]}""", "rule 'r', param 't'")]
    [InlineData("""{"WorkflowName": "w", "Rules": [{"RuleName": "outer", "Operator": "And", "Rules": [{"RuleName": "inner", "Expression": "System.IO.File.Exists(\"x\")"}]}]}""", "rule 'inner'")]
    public void Load_HostileScopedParamOrNestedRule_MapDoesNotLoad(string workflow, string where)
    {
        using var map = RulesEnginePolicyTests.Policy(workflow);

        var e = Assert.Throws<MapLoadException>(() => map.Engine);

        Assert.True(e.Message.Contains(where), e.Message);
    }

    [Fact]
    public void Load_LongOrDeepExpression_RefusedBeforeParsing()
    {
        using var map = RulesEnginePolicyTests.Policy(Workflows.One(new string('(', 40) + "true" + new string(')', 40)));

        Assert.Contains("nested deeper than 32", Assert.Throws<MapLoadException>(() => map.Engine).Message);
    }

    [Fact]
    public async Task RulesEngineAlone_DefaultSettings_RunsWhatTheSandboxRefuses()
    {
        // Why the adapter checks every expression itself: RulesEngine's defaults let a rule read the clock.
        var workflow = new Workflow { WorkflowName = "w", Rules = [new Rule { RuleName = "clock", Expression = "DateTime.Now.Year > 2000" }] };
        var engine = new RulesEngineCore([workflow]);

        var result = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("customer", new { age = 1 }))).Single();

        Assert.True(result.IsSuccess, result.ExceptionMessage);
    }

    [Fact]
    public void Sandboxed_Settings_RegisterNoTypeNoActionAndRunNoAction()
    {
        var settings = RulesEngineSettings.Sandboxed();

        Assert.Empty(settings.CustomTypes);
        Assert.False(settings.AutoRegisterInputType);
        Assert.Empty(settings.CustomActions);
        Assert.False(settings.AutoExecuteActions);
        Assert.NotSame(settings, RulesEngineSettings.Sandboxed());
    }
}
