using System.Dynamic;
using System.Text;
using System.Text.Json;
using Decisioning.Cli.Import;
using Decisioning.Diagnostics;
using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Model;
using Decisioning.Snapshots;
using FsCheck.Xunit;
using RulesEngine.Models;
using Xunit;
using RulesEngineCore = RulesEngine.RulesEngine;

namespace Decisioning.RulesEngine.Tests;

/// <summary>
/// The import round trip: a workflow converted by <c>decisioning import rulesengine</c> gives a map
/// that validates and whose segments agree, customer by customer, with what RulesEngine (default
/// settings, as teams run it) says of each rule.
/// </summary>
public class ImportAgreementTests
{
    private static readonly DateTime At = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Our own take on RulesEngine's discount demo: three inputs, AND, nested rules of both kinds.</summary>
    private const string Discounts = """
        [{
          "WorkflowName": "Discounts",
          "Rules": [
            {"RuleName": "GiveDiscount10", "SuccessEvent": "10", "ErrorMessage": "One or more adjust rules failed.",
             "Expression": "input1.country == \"india\" AND input1.loyaltyFactor <= 2 AND input1.totalPurchasesToDate >= 5000 AND input2.totalOrders > 2 AND input3.noOfVisitsPerMonth > 2"},
            {"RuleName": "GiveDiscount25", "SuccessEvent": "25",
             "Expression": "input1.country != \"india\" AND input1.loyaltyFactor >= 2 AND input1.totalPurchasesToDate >= 10000 AND input2.totalOrders > 2 AND input3.noOfVisitsPerMonth > 5"},
            {"RuleName": "GiveDiscount30", "SuccessEvent": "30",
             "Expression": "input1.loyaltyFactor > 3 AND input1.totalPurchasesToDate >= 50000 AND input1.totalPurchasesToDate <= 100000 AND input2.totalOrders > 5 AND input3.noOfVisitsPerMonth > 15"},
            {"RuleName": "LoyalOrBusy", "SuccessEvent": "30", "Operator": "OrElse", "Rules": [
              {"RuleName": "IsLoyalAndSpends", "Expression": "input1.loyaltyFactor > 3 AND input1.totalPurchasesToDate >= 50000.5"},
              {"RuleName": "OrOrdersOften", "Expression": "input2.totalOrders > 15"}]},
            {"RuleName": "LoyalAndBusy", "SuccessEvent": "35", "Operator": "AndAlso", "Rules": [
              {"RuleName": "IsLoyal", "Expression": "input1.loyaltyFactor > 3"},
              {"RuleName": "AndSpends", "Expression": "input1.totalPurchasesToDate >= 100000"},
              {"RuleName": "AndVisits", "Expression": "input2.totalOrders > 15 AND input3.noOfVisitsPerMonth > 25"}]}
          ]
        }]
        """;

    /// <summary>An onboarding check in the style of the docs: params, a lone `=`, string methods, `in`, a conditional.</summary>
    private const string Onboarding = """
        {
          "WorkflowName": "Onboarding",
          "GlobalParams": [{"Name": "adult", "Expression": "customer.age >= 18"}],
          "Rules": [
            {"RuleName": "AdultResident", "Expression": "adult && customer.country = \"india\""},
            {"RuleName": "NamedProperly", "LocalParams": [{"Name": "trimmed", "Expression": "customer.name.Trim()"}],
             "Expression": "trimmed.Length >= 2 AND NOT trimmed.StartsWith(\"test\")"},
            {"RuleName": "IncomePerDependant", "Expression": "customer.income / customer.dependants >= 20000"},
            {"RuleName": "PreferredSegment", "Expression": "customer.riskLevel in (3, 4, 5) ? customer.income > 100000.5 : customer.vip"},
            {"RuleName": "NotBlocked", "Expression": "!(customer.blocked == true) || customer.vip"}
          ]
        }
        """;

    [Property(MaxTest = 25)]
    public void Import_DemoLikeWorkflows_EverySegmentAgreesWithItsRule(int seed)
    {
        Agree(Discounts, seed, customers: 12);
        Agree(Onboarding, seed, customers: 12);
    }

    [Property(MaxTest = 20)]
    public void Import_FiftyGeneratedRules_EverySegmentAgreesWithItsRule(int seed)
    {
        // 20 runs of 50 rules: 1,000 generated rules in each test run.
        Agree(new RuleGenerator(seed).Workflow("generated", 50), seed, customers: 6);
    }

    [Fact]
    public void Import_Discounts_ConvertsEveryRuleIntoAValidMapKeepingNames()
    {
        var result = RulesEngineImporter.Import("discounts.json", Encoding.UTF8.GetBytes(Discounts));

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(["give-discount10", "give-discount25", "give-discount30", "loyal-or-busy", "loyal-and-busy"], result.Rules.Select(r => r.SegmentId));
        Assert.Equal("country == \"india\" && loyaltyFactor <= 2 && totalPurchasesToDate >= 5000 && totalOrders > 2 && noOfVisitsPerMonth > 2", result.Rules[0].Condition);
        Assert.Equal("(loyaltyFactor > 3 && totalPurchasesToDate >= 50000.5) || (totalOrders > 15)", result.Rules[3].Condition);
        Assert.Contains("# RulesEngine: workflow \"Discounts\", rule \"GiveDiscount10\", success event \"10\"", result.Yaml);
        Assert.Contains("    totalPurchasesToDate: decimal\n", result.Yaml);
        Assert.Contains("    loyaltyFactor: int\n", result.Yaml);
        Assert.True(MapLoader.LoadText(result.Yaml!).Success);
    }

    private static void Agree(string json, int seed, int customers)
    {
        var result = RulesEngineImporter.Import("workflow.json", Encoding.UTF8.GetBytes(json));
        Assert.True(!result.HasErrors && result.Rules.Count == result.RuleCount, string.Join("\n", result.Diagnostics) + "\n" + json);
        var load = MapLoader.LoadText(result.Yaml!);
        Assert.True(load.Success, string.Join("\n", load.Diagnostics) + "\n" + result.Yaml);
        var plan = load.Plan!;
        var evaluator = new Evaluator(plan);
        var workflows = json.TrimStart().StartsWith('[') ? JsonSerializer.Deserialize<Workflow[]>(json)! : [JsonSerializer.Deserialize<Workflow>(json)!];
        var engine = new RulesEngineCore(workflows);
        var segments = result.Rules.ToDictionary(r => (r.Workflow, r.Rule), r => r);
        var random = new Random(seed);
        for (var c = 0; c < customers; c++)
        {
            var values = plan.Customer.Fields.ToDictionary(f => f.Name, f => Value(f.Type, random));
            var (record, error) = CustomerSnapshot.FromDictionary(new Dictionary<string, object?>(values!) { ["customerId"] = $"C{c}" }).Read(plan);
            Assert.Null(error);
            var decided = evaluator.Decide(record!, At).Segments.ToHashSet();
            foreach (var workflow in workflows)
            {
                foreach (var ruled in Execute(engine, workflow.WorkflowName, values))
                {
                    var imported = segments[(workflow.WorkflowName, ruled.Rule.RuleName)];
                    var inMap = decided.Contains(imported.SegmentId);
                    Assert.True(ruled.IsSuccess == inMap,
                        $"rule {imported.Rule} as `{imported.Condition}`: RulesEngine {ruled.IsSuccess} ({ruled.ExceptionMessage}), map {inMap}, customer {JsonSerializer.Serialize(values)}");
                }
            }
        }
    }

    /// <summary>RulesEngine's results for one customer, passed as <c>input1</c>..<c>input3</c> and <c>customer</c> (an ExpandoObject, as from JSON).</summary>
    private static List<RuleResultTree> Execute(RulesEngineCore engine, string workflow, IReadOnlyDictionary<string, object> values)
    {
        IDictionary<string, object?> input = new ExpandoObject();
        foreach (var (name, value) in values)
        {
            input[name] = value;
        }

        RuleParameter[] inputs = [new("input1", input), new("input2", input), new("input3", input), new("customer", input)];
        return engine.ExecuteAllRulesAsync(workflow, inputs).AsTask().GetAwaiter().GetResult();
    }

    private static object Value(FieldType type, Random random) => type.Kind switch
    {
        FieldKind.Int => random.Next(-3, 121),
        FieldKind.Decimal => random.Next(0, 4) == 0 ? 0m : random.Next(-100000, 20000000) / 100m,
        FieldKind.Bool => random.Next(2) == 0,
        FieldKind.String => RuleGenerator.Words[random.Next(RuleGenerator.Words.Length)],
        _ => throw new InvalidOperationException($"the generated workflows use no {type} field"),
    };
}
