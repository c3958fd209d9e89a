namespace Decisioning.History.Tests.Engine;

/// <summary>
/// One strategy with a 7-day cooldown on one capped channel, and a second strategy with no
/// cooldown: a recorded contact of the first must put it in cooldown.
/// </summary>
internal static class TinyMap
{
    public const string Id = "tiny";

    public static readonly DateTime At = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    public const string Yaml = """
        map: tiny
        version: "1"
        customer:
          fields:
            age: int
        products:
          - { id: fund, value: 10 }
          - { id: card, value: 1 }
        channels:
          - { id: app, contactPolicy: { max: 5, per: 7d } }
        strategies:
          - id: offer-fund
            target: [all]
            product: fund
            channels: [app]
            cooldown: 7d
          - id: offer-card
            target: [all]
            product: card
            channels: [app]
        """;

    public static string Customer(string id) => $$"""{"customerId": "{{id}}", "age": 40}""";

    public static string Write(string folder)
    {
        var path = Path.Combine(folder, "tiny.yaml");
        File.WriteAllText(path, Yaml);
        return path;
    }
}
