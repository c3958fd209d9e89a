using System.Globalization;

namespace Decisioning.Tests.Hosting;

/// <summary>
/// A small map whose every version can be recognized in a decision: version "vN" offers a product
/// worth N through a script that says "vN", so the version, the script and the score of one decision
/// must all name the same N. Broken versions carry two errors.
/// </summary>
internal static class DemoMap
{
    public const string Id = "demo";

    public static readonly DateTimeOffset At = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public static string Valid(int n, string? version = null) => $$$"""
        map: demo
        version: "{{{version ?? "v" + n.ToString(CultureInfo.InvariantCulture)}}}"
        customer:
          fields:
            name: string
            age: int
            riskLevel: int
        segments:
          - { id: adults, when: age >= 18 }
        products:
          - { id: fund, name: Fund, value: {{{n}}} }
        channels:
          - { id: app }
        scripts:
          - { id: offer-text, text: "v{{{n}}} for {{ customer.name }}" }
        strategies:
          - id: offer
            target: [all]
            product: fund
            channels: [app]
            scripts: { app: offer-text }
            priority: 100
            propensity: 1
          - id: adults-only
            target: [adults]
            product: fund
            channels: [app]
            priority: 10
            propensity: 1
        """;

    /// <summary>Two errors: an undeclared field in an expression, and an unknown product.</summary>
    public static string Broken(int n) => $$$"""
        map: demo
        version: "broken-{{{n}}}"
        customer:
          fields:
            name: string
            age: int
            riskLevel: int
        segments:
          - { id: adults, when: agee >= 18 }
        products:
          - { id: fund, name: Fund, value: 1 }
        channels:
          - { id: app }
        strategies:
          - id: offer
            target: [all]
            product: fnd
            channels: [app]
        """;

    public const string CustomerJson = """{"customerId": "C1", "name": "Wang", "age": 15, "riskLevel": 2}""";

    /// <summary>The N a decision's version names ("v12" gives 12), or -1.</summary>
    public static int VersionNumber(string version) =>
        version.StartsWith('v') && int.TryParse(version.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
}
