using Decisioning.Evaluation;
using Decisioning.Hosting;
using Microsoft.Extensions.Logging;
using RulesEngine.Models;
using Xunit;

namespace Decisioning.RulesEngine.Tests;

public class RulesEnginePolicyTests
{
    [Fact]
    public void Decide_RuleFails_CandidateVetoedWithWorkflowRuleAndRulesEnginesMessage()
    {
        using var map = Policy(Workflows.Suitability);

        var decision = map.Decide(riskLevel: 3);

        Assert.Equal(["card", "deposit"], decision.Actions.Select(a => a.Strategy));
        Assert.Equal(new TraceEntry("equity", TraceEntry.Rejected, ReasonCodes.Policy, "suitability/equity-risk", "risk level 3 is below the fund's 4"),
            decision.Trace.Single(t => t.Strategy == "equity"));
        Assert.Contains("""{"strategy":"equity","outcome":"rejected","reason":"policy","rule":"suitability/equity-risk","message":"risk level 3 is below the fund's 4"}""",
            DecisioningJson.Serialize(decision));
    }

    [Fact]
    public void Decide_EveryRulePasses_NothingVetoed()
    {
        using var map = Policy(Workflows.Suitability);

        var decision = map.Decide(riskLevel: 5, age: 30);

        Assert.Equal(["equity", "card", "deposit"], decision.Actions.Select(a => a.Strategy));
        Assert.All(decision.Trace, t => Assert.Null(t.Rule));
    }

    [Fact]
    public void Decide_SecondWorkflowFails_ItsFirstFailingRuleIsTraced()
    {
        using var map = Policy(Workflows.Suitability);

        var decision = map.Decide(riskLevel: 5, age: 16, name: "  ");

        Assert.Empty(decision.Actions);
        Assert.Equal(["kyc/named", "suitability/card-age", "kyc/named"], decision.Trace.Select(t => t.Rule));
        Assert.Equal("a card needs an adult", decision.Trace[1].Message);
    }

    [Fact]
    public void Decide_RuleThrows_VetoedAsAnErrorNotABusinessFailure()
    {
        using var map = Policy(Workflows.IncomeCheck);

        var decision = map.Decide(income: null);

        var card = decision.Trace.Single(t => t.Strategy == "card");
        Assert.Equal((ReasonCodes.Policy, "credit/income-known", (string?)null), (card.Reason, card.Rule, card.Message));
        Assert.StartsWith("Error while executing rule : income-known - ", card.Error);
        Assert.Contains("Nullable object must have a value", card.Error);
        Assert.Contains("\"rule\":\"credit/income-known\",\"error\":\"Error while executing rule : income-known", DecisioningJson.Serialize(decision));
        var log = Assert.Single(map.Logs.GetSnapshot(), r => r.Id.Name == "WorkflowRuleError");
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Contains("candidate vetoed", log.Message);
        Assert.Equal(["equity", "deposit"], decision.Actions.Select(a => a.Strategy));
    }

    [Fact]
    public void Decide_RuleThrowsUnderOnErrorAllow_CandidateStaysAndTheErrorIsLogged()
    {
        using var map = new BankMap(b => b.AddRulesEnginePolicy(o =>
        {
            o.Workflows.Add(System.Text.Json.JsonSerializer.Deserialize<Workflow>(Workflows.IncomeCheck)!);
            o.OnError = RuleErrorHandling.Allow;
        }));

        var decision = map.Decide(income: null);
        var known = map.Decide(income: 10000);

        Assert.Equal(3, decision.Actions.Count);
        Assert.Contains("rule skipped", Assert.Single(map.Logs.GetSnapshot(), r => r.Id.Name == "WorkflowRuleError").Message);
        Assert.Equal("credit/income-known", known.Trace.Single(t => t.Strategy == "card").Rule);
    }

    [Fact]
    public void Decide_NestedAndLocalParams_AreHonoured()
    {
        using var map = Policy("""
            {"WorkflowName": "wealth", "Rules": [{
              "RuleName": "wealth-only-equity",
              "ErrorMessage": "equity is for the wealth tier",
              "Operator": "OrElse",
              "Rules": [
                {"RuleName": "not-equity", "Expression": "action.product != \"equity-fund\""},
                {"RuleName": "wealthy", "LocalParams": [{"Name": "rich", "Expression": "customer.tier == \"wealth\""}], "Expression": "rich && customer.segments.Count() >= 0"}
              ]}]}
            """);

        Assert.Equal("wealth/wealth-only-equity", map.Decide(income: 100).Trace[0].Rule);
        Assert.Equal("equity is for the wealth tier", map.Decide(income: 100).Trace[0].Message);
        Assert.Null(map.Decide(income: 600000).Trace[0].Rule);
    }

    [Fact]
    public void Decide_FromEightThreads_EveryDecisionEqualsTheSequentialOne()
    {
        using var map = Policy(Workflows.Suitability, Workflows.IncomeCheck);
        var customers = Enumerable.Range(0, 40).Select(i => BankMap.Customer(riskLevel: i % 6, age: 10 + i, income: i % 3 == 0 ? null : 1000 * i)).ToArray();
        var expected = customers.Select(c => DecisioningJson.Serialize(map.Engine.Decide("bank", c, BankMap.At))).ToArray();
        Assert.Contains(expected, e => e.Contains("\"error\":"));
        Assert.Contains(expected, e => e.Contains("\"message\":"));

        var results = new string[8 * 250];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = DecisioningJson.Serialize(map.Engine.Decide("bank", customers[i % customers.Length], BankMap.At)));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % customers.Length], results[i]);
        }
    }

    [Fact]
    public void WorkflowFile_Rewritten_NewRulesServeAndABrokenRewriteKeepsThem()
    {
        var files = new List<string>();
        using var watched = new BankMap(b => b.AddRulesEnginePolicy([.. files]), watch: true);
        var map = watched;
        files.Add(map.Write("suitability.json", Workflows.One("customer.age >= 18", "adult")));
        Assert.Null(watched.Decide(age: 30).Trace[0].Rule);

        map.Write("suitability.json", Workflows.One("customer.age >= 65", "senior"));
        WaitUntil(() => watched.Decide(age: 30).Trace[0].Rule == "w/senior", "the new workflow serves");

        map.Write("suitability.json", "{ not json");
        WaitUntil(() => watched.Logs.GetSnapshot().Any(r => r.Id.Name == "WorkflowsReloadFailed"), "the broken file is refused");
        map.Write("suitability.json", Workflows.One("DateTime.Now.Year > 2000", "clock"));
        WaitUntil(() => watched.Logs.GetSnapshot().Count(r => r.Id.Name == "WorkflowsReloadFailed") == 2, "the hostile file is refused");
        Assert.Equal("w/senior", watched.Decide(age: 30).Trace[0].Rule);
        var refusals = watched.Logs.GetSnapshot().Where(r => r.Id.Name == "WorkflowsReloadFailed").Select(r => r.Message).ToList();
        Assert.Contains("not workflow JSON", refusals[0]);
        Assert.Contains("refused by the sandbox", refusals[1]);
        Assert.Contains("generation 2 keeps serving", refusals[1]);
    }

    [Fact]
    public void AddRulesEnginePolicy_AppliesToOtherMapsOnly_ThisMapUntouched()
    {
        using var map = new BankMap(b => b.AddRulesEnginePolicy(o =>
        {
            o.Workflows.Add(System.Text.Json.JsonSerializer.Deserialize<Workflow>(Workflows.One("false"))!);
            o.AppliesTo = id => id != "bank";
        }));

        Assert.Equal(3, map.Decide().Actions.Count);
    }

    [Fact]
    public void AddRulesEnginePolicy_WorkflowWithActions_ActionsAreNotRunAndAWarningSaysSo()
    {
        using var map = Policy("""
            {"WorkflowName": "w", "Rules": [{"RuleName": "r", "Expression": "true",
              "Actions": {"OnSuccess": {"Name": "OutputExpression", "Context": {"Expression": "System.IO.File.Exists(\"/etc/passwd\")"}}}}]}
            """);

        Assert.Equal(3, map.Decide().Actions.Count);
        var warning = Assert.Single(map.Logs.GetSnapshot(), r => r.Id.Name == "WorkflowActionsNotRun");
        Assert.Contains("w/r", warning.Message);
    }

    [Fact]
    public void AddRulesEnginePolicy_UnknownCustomerField_MapFailsToLoadNamingTheRule()
    {
        using var map = Policy(Workflows.One("customer.salary > 1000", "salary-floor"));

        var e = Assert.Throws<MapLoadException>(() => map.Engine);

        Assert.Contains("workflow 'w', rule 'salary-floor'", e.Message);
        Assert.Contains("salary", e.Message);
    }

    [Fact]
    public void Create_OwnEvaluatorWithoutAHost_VetoesAsTheHostedPolicyDoes()
    {
        var plan = Decisioning.Loading.MapLoader.LoadText(BankMap.Text).Plan!;
        var workflow = System.Text.Json.JsonSerializer.Deserialize<Workflow>(Workflows.One("action.product != \"equity-fund\" || customer.riskLevel >= 4", "equity-risk"))!;
        var evaluator = new Evaluator(plan, [RulesEnginePolicy.Create(plan, [workflow])]);
        var (customer, _) = BankMap.Customer(riskLevel: 2).Read(plan);

        var decision = evaluator.Decide(customer!, BankMap.At.UtcDateTime);

        Assert.Equal(("w/equity-risk", "refused"), (decision.Trace[0].Rule, decision.Trace[0].Message));
        Assert.Throws<WorkflowLoadException>(() => RulesEnginePolicy.Create(plan,
            [System.Text.Json.JsonSerializer.Deserialize<Workflow>(Workflows.One("System.IO.File.Exists(\"x\")"))!]));
    }

    /// <summary>A map whose policy runs these workflow files (written into the map's folder).</summary>
    internal static BankMap Policy(params string[] workflows)
    {
        var files = new List<string>();
        var map = new BankMap(b => b.AddRulesEnginePolicy([.. files]));
        files.AddRange(workflows.Select((json, i) => map.Write($"workflow-{i}.json", json)));
        return map;
    }

    internal static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            Thread.Sleep(25);
        }
    }
}
