using Decisioning.Loading;
using Decisioning.Plan;
using Xunit;

namespace Decisioning.Tests.Batch;

/// <summary>
/// A small map for allocation tests. <c>fund-call</c> scores <c>50 * sigmoid(lift)</c> and prefers
/// call (capacity 2), then wechat (capacity 1, for <c>onWechat</c>), then sms (unlimited, script at
/// most 12 characters); <c>card-sms</c> scores 2.5 on sms for everyone.
/// </summary>
internal static class BatchMaps
{
    public static readonly DateTime At = new(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);

    public const string Text = """
        map: batch-unit
        version: "1"
        customer:
          fields:
            name: string
            lift: decimal
            hasPhone: bool
            onWechat: bool
        products:
          - { id: fund, name: 基金, value: 100 }
          - { id: card, name: 信用卡, value: 10 }
        channels:
          - { id: call, reachable: hasPhone, capacity: { perDay: 2 } }
          - { id: wechat, reachable: onWechat, capacity: { perDay: 1 } }
          - { id: sms, maxLength: 12 }
        scripts:
          - { id: call-fund, text: "{{ customer.name }}您好, {{ product.name }}" }
          - { id: sms-fund, text: "{{ customer.name }}: {{ product.name }}" }
        models:
          - { id: lift, kind: logistic, intercept: 0, coefficients: { lift: 1 } }
        strategies:
          - id: fund-call
            product: fund
            channels: [call, wechat, sms]
            scripts: { call: call-fund, sms: sms-fund }
            propensity: { model: lift }
          - id: card-sms
            product: card
            channels: [sms]
            propensity: 0.5
        arbitration: { maxActions: 2 }
        """;

    /// <summary>
    /// By score: C6 (wechat only) takes wechat; C1 and C2 fill call; C3 and C4 fall back to sms
    /// (wechat full, or unreachable); C5's name is too long for sms, so it is dropped. Line 4 is bad.
    /// </summary>
    public static readonly string[] Customers =
    [
        Customer("C1", "王", 3, phone: true, wechat: false),
        Customer("C2", "李", 2, phone: true, wechat: true),
        Customer("C3", "张", 1, phone: true, wechat: true),
        """{"customerId": "B1", "name": "坏", "lift": "high", "hasPhone": true, "onWechat": true}""",
        Customer("C4", "赵", 0, phone: true, wechat: false),
        Customer("C5", "Alexandra Smith", -1, phone: true, wechat: false),
        Customer("C6", "周", 4, phone: false, wechat: true),
    ];

    public static DecisionPlan Load(string text = Text)
    {
        var result = MapLoader.LoadText(text);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Plan!;
    }

    public static string Customer(string id, string name, double lift, bool phone, bool wechat) =>
        $$"""{"customerId": "{{id}}", "name": "{{name}}", "lift": {{lift}}, "hasPhone": {{(phone ? "true" : "false")}}, "onWechat": {{(wechat ? "true" : "false")}}}""";
}
