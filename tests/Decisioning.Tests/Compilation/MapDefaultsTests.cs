using System.Text.Json;
using Decisioning.Loading;
using Decisioning.Model;
using Decisioning.Plan;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Compilation;

/// <summary>
/// Every default of a key a map may leave out lives in <see cref="MapDefaults"/>: the compiler takes
/// it from there, and the JSON Schema an editor shows says the same value.
/// </summary>
public sealed class MapDefaultsTests
{
    public static TheoryData<string, string, string> SchemaDefaults => new()
    {
        { "objective", "kind", JsonSerializer.Serialize(MapDefaults.ObjectiveKind) },
        { "objective", "weight", JsonSerializer.Serialize(MapDefaults.ObjectiveWeight) },
        { "product", "value", JsonSerializer.Serialize(MapDefaults.ProductValue) },
        { "product", "repeatable", JsonSerializer.Serialize(MapDefaults.Repeatable) },
        { "strategy", "priority", JsonSerializer.Serialize(MapDefaults.Priority) },
        { "model", "intercept", JsonSerializer.Serialize(MapDefaults.Intercept) },
        { "model", "prior", JsonSerializer.Serialize(MapDefaults.AdaptivePrior) },
        { "model", "priorWeight", JsonSerializer.Serialize(MapDefaults.AdaptivePriorWeight) },
        { "model", "minEvidence", JsonSerializer.Serialize(MapDefaults.AdaptiveMinEvidence) },
        { "model", "window", JsonSerializer.Serialize($"{MapDefaults.AdaptiveWindow.TotalDays}d") },
        { "model", "positive", JsonSerializer.Serialize(MapDefaults.AdaptivePositive) },
        { "arbitration", "maxActions", JsonSerializer.Serialize(MapDefaults.MaxActions) },
        { "arbitration", "onePerProduct", JsonSerializer.Serialize(MapDefaults.OnePerProduct) },
        { "arbitration", "onePerChannel", JsonSerializer.Serialize(MapDefaults.OnePerChannel) },
        { "experiment", "controlPolicy", JsonSerializer.Serialize(MapDefaults.ControlPolicy) },
        { "suppressionRule", "atLeast", JsonSerializer.Serialize(MapDefaults.AtLeast) },
    };

    [Theory]
    [MemberData(nameof(SchemaDefaults))]
    public void Schema_DefaultOfAKey_IsTheCompilersDefault(string definition, string key, string expected)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(TestPaths.Repo("docs", "strategy-map.schema.json")));
        var property = schema.RootElement.GetProperty("definitions").GetProperty(definition).GetProperty("properties").GetProperty(key);

        Assert.True(property.TryGetProperty("default", out var written), $"{definition}.{key} has no default in the schema");
        Assert.Equal(Normalize(expected), Normalize(written.GetRawText()));
    }

    [Fact]
    public void Compile_MapLeavingEveryOptionalKeyOut_TakesMapDefaults()
    {
        var loaded = MapLoader.LoadText("""
            map: defaults
            customer:
              fields: { age: int }
            objectives:
              - { id: growth }
            products:
              - { id: fund }
            channels:
              - { id: app }
            strategies:
              - { id: s1, product: fund, objective: growth, channels: [app] }
              - { id: s2, product: fund, channels: [app], propensity: { model: m1 } }
              - { id: s3, product: fund, channels: [app], propensity: { model: m2 } }
            models:
              - { id: m1, kind: adaptive, predictors: { age: [40] } }
              - { id: m2, kind: logistic, coefficients: { age: 0.1 } }
            suppression:
              - { id: r1, count: declined, pause: 30d }
            experiment: { id: e1, control: 0.1 }
            """);
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        var plan = loaded.Plan!;

        Assert.Equal(MapDefaults.IdField, plan.IdField);
        Assert.Equal(new ObjectivePlan("growth", MapDefaults.ObjectiveKind, MapDefaults.ObjectiveWeight), plan.Strategies[0].Objective);
        Assert.Equal((MapDefaults.ProductValue, MapDefaults.Repeatable), (plan.Products[0].Value, plan.Products[0].Repeatable));
        Assert.Equal(MapDefaults.Priority, plan.Strategies[0].Priority);
        Assert.Equal(MapDefaults.Propensity, Assert.IsType<ConstantPropensity>(plan.Strategies[0].Propensity).Value);
        var adaptive = Assert.IsType<AdaptivePropensity>(plan.Strategies[1].Propensity).Model;
        Assert.Equal((MapDefaults.AdaptivePrior, MapDefaults.AdaptivePriorWeight, MapDefaults.AdaptiveMinEvidence, MapDefaults.AdaptiveWindow),
            (adaptive.Prior, adaptive.PriorWeight, adaptive.MinEvidence, adaptive.Window));
        Assert.Equal(MapDefaults.AdaptivePositive, adaptive.Positive);
        Assert.Equal(MapDefaults.Intercept, Assert.IsType<LogisticPropensity>(plan.Strategies[2].Propensity).Intercept);
        Assert.Equal(new ArbitrationPlan((int)MapDefaults.MaxActions, MapDefaults.OnePerProduct, MapDefaults.OnePerChannel), plan.Arbitration);
        Assert.Equal(Enum.Parse<ControlPolicy>(MapDefaults.ControlPolicy, ignoreCase: true), plan.Experiment!.Policy);
        Assert.Equal(MapDefaults.AtLeast, plan.Suppression[0].AtLeast);
    }

    // 1 and 1.0 are one JSON number.
    private static string Normalize(string json) => JsonSerializer.Serialize(JsonSerializer.Deserialize<JsonElement>(json) switch
    {
        { ValueKind: JsonValueKind.Number } n => (object)n.GetDouble(),
        var other => other,
    });
}
