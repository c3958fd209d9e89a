using Decisioning.Compilation;
using Decisioning.Evaluation;
using Decisioning.Loading;
using Xunit;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.Compilation;

/// <summary>
/// <see cref="ExpressionCache"/>: a reload reuses what an earlier load compiled, never across
/// layouts that read different slots, never for expressions with errors, and within its capacity.
/// </summary>
public sealed class ExpressionCacheTests
{
    private const string Map = """
        map: cache
        version: "1"
        customer:
          fields:
            {0}
        tiers:
          - { id: adult, when: age >= 18 }
          - { id: minor, when: age < 18 }
        products:
          - { id: fund, value: 10, eligible: "{1}" }
        channels:
          - { id: app }
        strategies:
          - { id: offer, target: all, product: fund, channels: [app], priority: 100, propensity: 0.5 }
        """;

    private static LoadResult Load(ExpressionCache? cache, string fields = "age: int\n    income: decimal", string eligible = "income > 1000") =>
        MapLoader.LoadText(Map.Replace("{0}", fields).Replace("{1}", eligible), "cache.yaml", new MapLoadOptions { ExpressionCache = cache });

    [Fact]
    public void Load_TheSameMapTwice_TheSecondLoadCompilesNothingAndDecidesTheSame()
    {
        var cache = new ExpressionCache();
        var first = Load(cache);
        Assert.True(first.Success, string.Join("\n", first.Diagnostics));
        Assert.Equal(3, cache.Count);

        var second = Load(cache);
        Assert.True(second.Success);
        Assert.Equal(3, cache.Count);
        var customer = """{"customerId":"C1","age":30,"income":5000}""";
        Assert.Equal(Decide(first, customer), Decide(second, customer));
        Assert.Contains("\"tier\":\"adult\"", Decide(second, customer), StringComparison.Ordinal);
        Assert.Equal(first.Plan!.Products[0].Eligible.Location, second.Plan!.Products[0].Eligible.Location);
    }

    [Fact]
    public void Load_SameTextOverAnotherLayout_IsCompiledAgainAndReadsItsOwnSlots()
    {
        // The same `age >= 18` over fields in another order and of another type must not reuse a
        // delegate that reads the first layout's slots.
        var cache = new ExpressionCache();
        var ints = Load(cache);
        var decimals = Load(cache, fields: "income: decimal\n    age: decimal");
        Assert.True(ints.Success && decimals.Success, string.Join("\n", decimals.Diagnostics));
        Assert.Equal(6, cache.Count);
        Assert.Contains("\"tier\":\"minor\"", Decide(decimals, """{"customerId":"C1","income":5000,"age":17.5}"""), StringComparison.Ordinal);
        Assert.Contains("\"tier\":\"adult\"", Decide(decimals, """{"customerId":"C1","income":5000,"age":18}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AMapWithAnExpressionError_ReportsItOnEveryLoad()
    {
        var cache = new ExpressionCache();
        var first = Load(cache, eligible: "incme > 1000");
        var second = Load(cache, eligible: "incme > 1000");
        Assert.False(first.Success);
        Assert.Equal(first.Diagnostics.Select(d => d.ToString()), second.Diagnostics.Select(d => d.ToString()));
        Assert.Contains(second.Diagnostics, d => d.Message.Contains("incme", StringComparison.Ordinal));
        Assert.Equal(2, cache.Count); // the two tiers, which compiled
    }

    [Fact]
    public void Add_PastCapacity_EmptiesTheCacheAndKeepsWorking()
    {
        var cache = new ExpressionCache(capacity: 2);
        var loaded = Load(cache);
        Assert.True(loaded.Success);
        Assert.InRange(cache.Count, 1, 2);
        Assert.Contains("\"tier\":\"adult\"", Decide(Load(cache), """{"customerId":"C1","age":30,"income":5000}"""), StringComparison.Ordinal);
    }

    private static string Decide(LoadResult loaded, string customer)
    {
        var plan = loaded.Plan!;
        var record = new SnapshotReader(plan).Read(customer).Customer!;
        return DecisionJson.ToJson(new Evaluator(plan).Decide(record, new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc)));
    }
}
