namespace Decisioning.RulesEngine.Tests;

/// <summary>Workflow JSON in RulesEngine's own format, as a bank's eligibility team writes it.</summary>
internal static class Workflows
{
    public const string Suitability = """
        [
          {
            "WorkflowName": "suitability",
            "Rules": [
              {
                "RuleName": "equity-risk",
                "ErrorMessage": "risk level $(customer.riskLevel) is below the fund's 4",
                "Expression": "action.product != \"equity-fund\" || customer.riskLevel >= 4"
              },
              {
                "RuleName": "card-age",
                "ErrorMessage": "a card needs an adult",
                "Expression": "action.Product != \"credit-card\" OR customer.Age >= 18"
              }
            ]
          },
          {
            "WorkflowName": "kyc",
            "Rules": [
              {
                "RuleName": "named",
                "ErrorMessage": "no name on file",
                "Expression": "customer.name != null && customer.name.Trim() != \"\""
              }
            ]
          }
        ]
        """;

    /// <summary>A rule that throws when the optional income is missing (Nullable.Value).</summary>
    public const string IncomeCheck = """
        {
          "WorkflowName": "credit",
          "Rules": [
            {
              "RuleName": "income-known",
              "ErrorMessage": "income below the card's floor",
              "Expression": "action.product != \"credit-card\" || customer.income.Value >= 50000"
            }
          ]
        }
        """;

    /// <summary>One workflow with one rule of the given expression.</summary>
    public static string One(string expression, string name = "check") => $$"""
        {"WorkflowName": "w", "Rules": [{"RuleName": "{{name}}", "ErrorMessage": "refused", "Expression": {{System.Text.Json.JsonSerializer.Serialize(expression)}}}]}
        """;
}
