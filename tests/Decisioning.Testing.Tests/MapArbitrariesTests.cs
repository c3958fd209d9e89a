using Decisioning.Testing.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Decisioning.Testing.Tests;

public sealed class MapArbitrariesTests
{
    private static readonly DateTime At = SampleMap.At;
    private static readonly Lazy<GeneratedCustomer[]> Sample = new(() =>
        Gen.Sample(MapArbitraries.For(SampleMap.Plan, At).Generator, size: 50, seed: new Rnd(2026), numberOfSamples: 2000));

    [Property(MaxTest = 200)]
    public Property For_SampleMap_EverySnapshotIsValidForTheMap() =>
        Prop.ForAll(MapArbitraries.For(SampleMap.Plan, At), c => c.TryRead(SampleMap.Plan).Error is null);

    [Theory]
    [InlineData("aum", 499999, 500000, 500001)]
    [InlineData("aum", 5999999, 6000000, 6000001)]
    [InlineData("age", 54, 55, 56)]
    [InlineData("monthsOnBook", 2, 3, 4)]
    [InlineData("creditCardSpend", 2999, 3000, 3001)]
    public void For_SampleMap_DrawsEachSideOfAConstantTheMapComparesWith(string field, int below, int at, int above)
    {
        var values = Sample.Value.Select(c => Convert.ToDecimal(c[field])).ToHashSet();
        Assert.Superset(new HashSet<decimal> { below, at, above }, values);
    }

    // Constants whose edges, scales or relations lie beyond decimal's range: those are left out.
    [Theory]
    [InlineData("aum >= 50000000000000000000000000000.5")]
    [InlineData("age >= aum * 0.0000000000000000000000000001")]
    [InlineData("aum * 0.0000000000000000000000000001 >= 50000000000000000000000000000.5")]
    public void For_MapComparingAtDecimalsLimits_EverySnapshotIsValidForTheMap(string segment)
    {
        var plan = SmallMap.Load(SmallMap.Yaml.Replace("when: age >= 55", $"when: \"{segment}\""));

        var customers = Gen.Sample(MapArbitraries.For(plan, At).Generator, size: 50, seed: new Rnd(2026), numberOfSamples: 300);

        Assert.All(customers, c => Assert.Null(c.TryRead(plan).Error));
    }

    [Fact]
    public void For_ChannelWithAHugeContactCap_BurstsStayWithinTheLargestBurst()
    {
        var plan = SmallMap.Load(SmallMap.Yaml.Replace("contactPolicy: { max: 1, per: 7d }", "contactPolicy: { max: 1000, per: 7d }"));

        var customers = Gen.Sample(MapArbitraries.For(plan, At).Generator, size: 50, seed: new Rnd(2026), numberOfSamples: 300);

        // A burst of at most its cap and one more, beside the one contact the map's one strategy may have.
        Assert.All(customers, c => Assert.InRange(c.Contacts.Count, 0, Decisioning.Testing.Generation.CustomerGen.LargestBurst + 2));
    }

    [Fact]
    public void For_SampleMap_DrawsTheLiteralsAStringIsComparedWithAndNull()
    {
        var cities = Sample.Value.Select(c => (string?)c["city"]).ToHashSet();
        Assert.Superset(new HashSet<string?> { "上海", "杭州", "南京", "苏州", null }, cities);
        Assert.Contains(cities, c => c is not null && c is not ("上海" or "杭州" or "南京" or "苏州"));
    }

    [Fact]
    public void For_SampleMap_DrawsIdsFromTheNamedListsAndOthers()
    {
        var vip = File.ReadAllLines(SampleMap.Repo("strategies", "retail-wealth", "lists", "vip.csv")).Select(l => l.Trim()).ToHashSet();
        Assert.Contains(Sample.Value, c => vip.Contains(c.Id));
        Assert.Contains(Sample.Value, c => !vip.Contains(c.Id));
    }

    [Fact]
    public void For_SampleMap_DrawsEventsOnAndBesideEachScenarioWindow()
    {
        var deposits = Sample.Value.SelectMany(c => c.Events).Where(e => e.Type == "large-deposit").ToList();
        var times = deposits.Select(e => e.At.UtcDateTime).ToHashSet();
        var second = TimeSpan.FromSeconds(1);
        Assert.Superset(new HashSet<DateTime> { At - TimeSpan.FromDays(3) - second, At - TimeSpan.FromDays(3), At, At + second }, times);
        Assert.Superset(new HashSet<object?> { 199999m, 200000m, 200001m }, deposits.Select(e => e.Payload!["amount"]).ToHashSet());
    }

    [Fact]
    public void For_SampleMap_DrawsContactsOnTheEdgesOfEachCapAndCooldown()
    {
        var contacts = Sample.Value.SelectMany(c => c.Contacts).ToList();
        var week = TimeSpan.FromDays(7);
        Assert.Contains(contacts, c => c.Channel == "rm-call" && c.At.UtcDateTime == At - week);
        Assert.Contains(contacts, c => c.Strategy == "retiree-pension" && c.At.UtcDateTime == At - TimeSpan.FromDays(30));
        Assert.Contains(contacts, c => c.Strategy == "retiree-pension" && c.At.UtcDateTime == At);
        // A burst reaches the cap of app-push (3 in 7 days) and goes one over it.
        Assert.Contains(Sample.Value, c => c.Contacts.Count(x => x.Channel == "app-push" && x.At.UtcDateTime > At - week && x.At.UtcDateTime <= At) == 4);
    }

    [Fact]
    public void For_SampleMap_HoldsOnlyTheMapsProductsAndSometimesNone()
    {
        var products = SampleMap.Plan.Products.Select(p => p.Id).ToHashSet();
        Assert.All(Sample.Value, c => Assert.Subset(products, c.Holdings.ToHashSet()));
        Assert.Contains(Sample.Value, c => c.Holdings.Count == 0);
        Assert.Contains(Sample.Value, c => c.Holdings.Contains("credit-card"));
    }

    [Fact]
    public void For_TwoVersions_GivesFieldsOfBothRequiredWhenEitherRequiresThem()
    {
        var v1 = SmallMap.Load();
        var v2 = SmallMap.Load(SmallMap.Yaml.Replace("city: string?", "city: string\n    riskLevel: int"));
        var customers = Gen.Sample(MapArbitraries.For([v1, v2], At).Generator, size: 50, seed: new Rnd(1), numberOfSamples: 300);

        Assert.All(customers, c =>
        {
            Assert.NotNull(c["city"]);
            Assert.IsType<int>(c["riskLevel"]);
            Assert.Null(c.TryRead(v1).Error);
            Assert.Null(c.TryRead(v2).Error);
        });
    }

    [Fact]
    public void Snapshots_SampleMap_AreHostSnapshotsThatShrinkAsTheirCustomers()
    {
        var arbitrary = MapArbitraries.Snapshots(SampleMap.Plan, At);
        var snapshot = Gen.Sample(arbitrary.Generator, size: 50, seed: new Rnd(3), numberOfSamples: 20).First(s => s.Read(SampleMap.Plan).Customer!.Contacts.Length > 0);

        var smaller = arbitrary.Shrinker(snapshot).First();

        Assert.Null(snapshot.Read(SampleMap.Plan).Error);
        Assert.Empty(smaller.Read(SampleMap.Plan).Customer!.Contacts);
    }

    [Fact]
    public void ToString_IsTheSnapshotJsonWithReadableText()
    {
        var customer = Sample.Value.First(c => c["city"] is "上海");
        Assert.Equal(customer.Json, customer.ToString());
        Assert.Contains("\"city\":\"上海\"", customer.Json);
        Assert.StartsWith("{\"customerId\":", customer.Json);
    }
}
