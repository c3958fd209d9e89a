using Decisioning.Loading;
using Decisioning.Plan;

namespace Decisioning.Testing.Tests.Support;

/// <summary>A one-strategy map written in the test, with a few text edits to make other versions of it.</summary>
internal static class SmallMap
{
    public const string Yaml = """
        map: small
        version: "1"
        customer:
          fields:
            name: string
            age: int
            aum: decimal
            hasPhone: bool
            city: string?
          events:
            large-deposit: { amount: decimal }
        tiers:
          - { id: wealth, when: aum >= 500000 }
          - { id: mass, when: "true" }
        segments:
          - { id: retirees, when: age >= 55 }
        products:
          - { id: pension-fund, name: 养老目标基金, value: 320 }
        channels:
          - { id: rm-call, reachable: hasPhone, contactPolicy: { max: 1, per: 7d } }
          - { id: sms, maxLength: 30 }
        scripts:
          - { id: pension-call, text: "{{ customer.name }}您好，{{ product.name }}适合您。" }
        scenarios:
          - { id: big-deposit, kind: event, event: large-deposit, within: 3d, when: event.amount >= 200000 }
        strategies:
          - id: retiree-pension
            target: [retirees]
            scenario: big-deposit
            product: pension-fund
            channels: [rm-call, sms]
            scripts: { rm-call: pension-call, sms: pension-call }
            cooldown: 30d
        """;

    public static DecisionPlan Load(string yaml = Yaml)
    {
        var result = MapLoader.LoadText(yaml);
        return result.Plan ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
    }
}
