using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Plan;
using Xunit;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.Evaluation;

/// <summary>
/// Small maps for focused evaluation tests: a fixed customer schema and head, with the sections a
/// test cares about passed in as YAML text.
/// </summary>
internal static class TestMaps
{
    public static readonly DateTime At = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    public const string Head = """
        map: unit
        version: "1"
        customer:
          fields:
            name: string
            age: int
            aum: decimal
            hasPhone: bool
            city: string?
            openedOn: date?
          events:
            large-deposit: { amount: decimal }
            card-activated: {}
        lifecycle:
          - { id: honeymoon, when: age < 30 }
          - { id: active, when: "true" }
        segments:
          - { id: adults, when: age >= 18 }
          - { id: seniors, when: age >= 55 }
        objectives:
          - { id: growth, kind: scale, weight: 1.0 }
          - { id: fee, kind: fee-income, weight: 1.5 }
        """;

    /// <summary>A map of <see cref="Head"/>, then <paramref name="sections"/> (products, channels, strategies...).</summary>
    public static DecisionPlan Load(string sections)
    {
        var result = MapLoader.LoadText(Head + "\n" + sections);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Plan!;
    }

    /// <summary>A snapshot with the required fields, and <paramref name="extra"/> JSON members appended.</summary>
    public static string Customer(string id = "C1", int age = 40, string extra = "") =>
        $$"""{"customerId": "{{id}}", "name": "王女士", "age": {{age}}, "aum": 1000.5, "hasPhone": true{{(extra.Length > 0 ? ", " + extra : "")}}}""";

    public static Decision Decide(DecisionPlan plan, string snapshot, DateTime? at = null, IReadOnlyList<IDecisionPolicy>? policies = null)
    {
        var (customer, error) = new SnapshotReader(plan).Read(snapshot);
        Assert.True(error is null, error?.Message);
        return new Evaluator(plan, policies).Decide(customer!, at ?? At);
    }

    public static Decision Decide(string sections, string snapshot, DateTime? at = null, IReadOnlyList<IDecisionPolicy>? policies = null) =>
        Decide(Load(sections), snapshot, at, policies);

    /// <summary>The strategy's trace reason, or "selected".</summary>
    public static string Outcome(Decision decision, string strategy)
    {
        var entry = decision.Trace.Single(t => t.Strategy == strategy);
        return entry.Reason ?? entry.Outcome;
    }

    /// <summary>An instant relative to <see cref="At"/>, as snapshot text.</summary>
    public static string Iso(TimeSpan fromAt) => DecisionJson.FormatInstant(At + fromAt);
}
