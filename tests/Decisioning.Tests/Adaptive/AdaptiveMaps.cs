using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Plan;
using Xunit;
using Decisioning.Snapshots;

namespace Decisioning.Tests.Adaptive;

/// <summary>
/// A small map with one adaptive model (age edges, a bool, the tier, a string category), written
/// into its own temporary folder so that a <c>state:</c> path beside it resolves.
/// </summary>
internal sealed class AdaptiveMaps : IDisposable
{
    public AdaptiveMaps() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "decisioning-adaptive-" + Guid.NewGuid().ToString("N"));

    /// <summary>The map text; <paramref name="model"/> is the model's keys after <c>kind: adaptive</c>.</summary>
    public static string Map(string model) => $$"""
        map: adaptive-unit
        version: "1"
        customer:
          fields: { age: int?, aum: decimal, isRetiree: bool, city: string? }
        tiers:
          - { id: rich, when: aum >= 100000 }
          - { id: mass, when: aum >= 50000 }
        products:
          - { id: fund, value: 100 }
          - { id: card, value: 10 }
        channels:
          - { id: app }
        strategies:
          - { id: s-fund, product: fund, channels: [app], propensity: { model: m1 } }
          - { id: s-card, product: card, channels: [app], propensity: 0.3 }
        models:
          - id: m1
            kind: adaptive
        {{model}}
        """;

    public const string HandModel = """
            predictors:
              age: [40]
              isRetiree: bool
              tier: category
            prior: 0.1
            priorWeight: 10
            minEvidence: 4
            window: 7d
            positive: [converted]
        """;

    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public DecisionPlan Load(string model, string? state = null)
    {
        if (state is not null)
        {
            Write("state.json", state);
            model += "\n    state: state.json";
        }

        var loaded = MapLoader.Load(Write("map.yaml", Map(model)));
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        return loaded.Plan!;
    }

    public static double Propensity(DecisionPlan plan, string snapshot)
    {
        var record = new SnapshotReader(plan).Read(snapshot).Customer!;
        var decision = new Evaluator(plan).Decide(record, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        var fund = decision.Actions.Concat(decision.Counterfactual ?? []).FirstOrDefault(a => a.Strategy == "s-fund");
        var strategy = plan.Strategies.First(s => s.Id == "s-fund");
        // Every customer here passes the gates; the propensity is read off the plan when arbitration dropped the action.
        return fund?.Propensity ?? strategy.Propensity.Evaluate(record, decision.Tier, decision.Stage);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
