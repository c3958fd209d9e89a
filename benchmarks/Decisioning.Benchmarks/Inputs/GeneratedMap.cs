using System.Text;
using Decisioning.Benchmarks.Baselines;
using Decisioning.Loading;
using Decisioning.Plan;

namespace Decisioning.Benchmarks.Inputs;

/// <summary>
/// The sample map with its strategies replaced by <c>n</c> generated ones: the same schema,
/// segments, catalogue and scenarios, strategies combining them in rotation, each <c>when</c>
/// drawn from expressions <see cref="RawConditions"/> knows, so every engine can run it.
/// </summary>
public static class GeneratedMap
{
    private static readonly string[] Targets = ["all", "[retirees]", "[high-value]", "[payroll-customers]", "[young-professionals, digital-natives]",
        "[wealth-prospects]", "[card-spenders]", "[churn-watch]", "[vip-list]", "[high-risk-appetite]"];
    private static readonly string[] Scenarios = ["any-time", "no-pension", "big-deposit", "new-client", "no-sip", "salary-day", "churn-risk",
        "no-card", "deposit-maturity", "payroll-no-wealth", "dormant-wake", "no-cash-plus"];
    private static readonly string[] Products = ["wealth-plan", "large-cd", "pension-fund", "fund-sip", "annuity-insurance", "credit-card",
        "card-installment", "mobile-banking", "cash-plus", "gold-savings"];
    private static readonly (string Channels, string Scripts)[] Channels =
    [
        ("[rm-call, wechat, app-push]", "{ rm-call: deposit-call, wechat: deposit-wechat, app-push: deposit-push }"),
        ("[app-push, sms]", "{ app-push: sip-push, sms: sip-sms }"),
        ("[rm-call, branch-visit]", "{ rm-call: annuity-call, branch-visit: branch-task }"),
        ("[wechat, app-push]", "{ wechat: salon-wechat, app-push: gold-push }"),
        ("[sms]", "{ sms: cash-sms }"),
    ];
    private static readonly string?[] Whens = [null, "aum >= 50000", "age <= 70", "monthsOnBook >= 6", "tier == \"affluent\" || tier == \"wealth\"",
        "aum >= 200000", "stage == \"honeymoon\" || stage == \"growing\"", "monthsOnBook >= 6 && digitalLogins30d >= 3"];

    public static DecisionPlan Load(int strategies)
    {
        var loaded = MapLoader.LoadText(Text(strategies), Path.Combine(Samples.MapPath, $"generated-{strategies}.yaml"));
        return loaded.Plan ?? throw new InvalidOperationException(
            $"generated map does not load: {string.Join("; ", loaded.Diagnostics.Take(5).Select(d => d.ToString()))}");
    }

    public static string Text(int strategies)
    {
        var dir = Samples.MapPath;
        var text = new StringBuilder();
        foreach (var file in new[] { "map.yaml", "segmentation.yaml", "catalogue.yaml" })
        {
            text.AppendLine(File.ReadAllText(Path.Combine(dir, file)));
        }

        // The scenarios of the sample map, without its strategies.
        var sample = File.ReadAllText(Path.Combine(dir, "strategies.yaml"));
        var start = sample.IndexOf("scenarios:", StringComparison.Ordinal);
        text.AppendLine(sample[start..sample.IndexOf("strategies:", start, StringComparison.Ordinal)]);
        text.AppendLine("strategies:");
        for (var i = 0; i < strategies; i++)
        {
            var (channels, scripts) = Channels[i % Channels.Length];
            text.AppendLine($"  - id: generated-{i}");
            text.AppendLine($"    target: {Targets[i % Targets.Length]}");
            text.AppendLine($"    objective: {(i % 3 == 0 ? "fee" : "aum-growth")}");
            text.AppendLine($"    scenario: {Scenarios[i % Scenarios.Length]}");
            text.AppendLine($"    product: {Products[i % Products.Length]}");
            text.AppendLine($"    channels: {channels}");
            text.AppendLine($"    scripts: {scripts}");
            text.AppendLine($"    priority: {10 + (i * 37 % 90)}");
            text.AppendLine($"    propensity: 0.{1 + (i * 13 % 89):D2}");
            if (Whens[i % Whens.Length] is { } when)
            {
                text.AppendLine($"    when: '{when}'");
            }

            if (i % 4 == 1)
            {
                text.AppendLine($"    cooldown: {7 + i % 30}d");
            }
        }

        return text.ToString();
    }
}
