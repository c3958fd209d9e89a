using Decisioning.Testing.Generation;
using Decisioning.Testing.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Decisioning.Testing.Tests.Generation;

public sealed class CustomerShrinkerTests
{
    private static readonly MapSchema Schema = MapSchema.From([SampleMap.Plan], SampleMap.At);

    [Property(MaxTest = 40)]
    public Property Shrink_AnyCustomer_EveryCandidateIsValidForTheMap() =>
        Prop.ForAll(MapArbitraries.For(SampleMap.Plan, SampleMap.At), customer =>
            CustomerShrinker.Shrink(customer, Schema).All(smaller => smaller.TryRead(SampleMap.Plan).Error is null));

    [Fact]
    public void Shrink_FailureAtAThreshold_EndsOnTheThresholdWithEverythingElsePlain()
    {
        var property = Prop.ForAll(MapArbitraries.For(SampleMap.Plan, SampleMap.At), c => (decimal)c["aum"]! < 500000m);

        var found = Falsification.Run(property);

        Assert.True(found.Failed);
        var shrunk = found.Shrunk!;
        Assert.Equal(500000m, shrunk["aum"]);
        Assert.Empty(shrunk.Contacts);
        Assert.Empty(shrunk.Responses);
        Assert.Empty(shrunk.Events);
        Assert.Empty(shrunk.Holdings);
        Assert.All(shrunk.Fields.Where(f => f.Key != "aum"), f => Assert.Contains(f.Value, (object?[])[0, 0m, false, "", null, .. DatesOf(shrunk)]));
    }

    [Theory]
    [InlineData(37, new[] { 0, 19, 28, 33, 35, 36 })]
    [InlineData(-8, new[] { 0, -4, -6, -7 })]
    [InlineData(0, new int[0])]
    public void Values_Int_GoesTo0ThenEverNearer(int value, int[] expected)
    {
        Assert.Equal(expected.Cast<object?>(), CustomerShrinker.Values(value, optional: false));
    }

    [Fact]
    public void Values_OptionalString_TriesNullThenEmptyThenShorter()
    {
        Assert.Equal(new object?[] { null, "", "上海", "上海杭" }, CustomerShrinker.Values("上海杭州", optional: true));
    }

    [Fact]
    public void Values_Decimal_DropsTheFractionFirstAndStaysDecimal()
    {
        var values = CustomerShrinker.Values(12.5m, optional: false).ToList();
        Assert.Equal(12m, values[0]);
        Assert.All(values, v => Assert.IsType<decimal>(v));
    }

    [Fact]
    public void Values_DecimalBeyondLongsRange_GoesToward0ThroughLongs()
    {
        var values = CustomerShrinker.Values(1e20m, optional: false).ToList();
        Assert.Equal(0m, values[0]);
        Assert.All(values, v => Assert.InRange((decimal)v!, 0m, 1e20m - 1));
    }

    private static IEnumerable<object?> DatesOf(GeneratedCustomer customer) => customer.Fields.Select(f => f.Value).OfType<DateTime>().Cast<object?>();
}
