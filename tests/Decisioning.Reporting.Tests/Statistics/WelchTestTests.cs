using Decisioning.Reporting.Statistics;

namespace Decisioning.Reporting.Tests.Statistics;

/// <summary>
/// Vector: GrowthBook gbstats, packages/stats/tests/frequentist/test_tests.py,
/// <c>test_two_sided_ttest_absolute</c>: control sum 1396.87, sum of squares 52377.9767, n 3407;
/// treatment sum 2422.7, sum of squares 134698.29, n 3461: difference 0.29, CI (0.04538, 0.53462),
/// p 0.02016. Full-precision values from scipy.stats 1.10 (t.ppf, t.sf).
/// </summary>
public class WelchTestTests
{
    private static readonly MeanSample Model = MeanSample.FromSums(3461, 2422.7, 134698.29);
    private static readonly MeanSample Control = MeanSample.FromSums(3407, 1396.87, 52377.9767);

    [Fact]
    public void Compare_GrowthBookTTestVector_MatchesTheirIntervalAndPValue()
    {
        var result = WelchTest.Compare(Model, Control);

        Assert.Equal(0.29, Math.Round(result.Absolute.Estimate!.Value, 5));
        Assert.Equal(0.04538, Math.Round(result.Absolute.Low!.Value, 5));
        Assert.Equal(0.53462, Math.Round(result.Absolute.High!.Value, 5));
        Assert.Equal(0.02016, Math.Round(result.PValue!.Value, 5));
    }

    [Fact]
    public void Compare_GrowthBookTTestVector_MatchesScipyToFullPrecision()
    {
        var result = WelchTest.Compare(Model, Control);

        Assert.Equal(5841.742032093565, result.Df!.Value, 1e-8);
        Assert.Equal(0.04537789255929009, result.Absolute.Low!.Value, 1e-11);
        Assert.Equal(0.5346221074407098, result.Absolute.High!.Value, 1e-11);
        Assert.Equal(0.020158402643586957, result.PValue!.Value, 1e-12);
        Assert.Equal(0.29 * 3461, result.Incremental!.Value, 1e-9);
    }

    [Fact]
    public void Compare_OneCustomerInAGroup_GivesEstimateButNullInterval()
    {
        var result = WelchTest.Compare(Model, new MeanSample(1, 5.0, null));

        Assert.NotNull(result.Absolute.Estimate);
        Assert.Null(result.Absolute.Low);
        Assert.Null(result.Df);
        Assert.Null(result.PValue);
    }

    [Fact]
    public void Compare_ZeroVarianceInBothGroups_GivesNullDfAndPValue()
    {
        var result = WelchTest.Compare(new MeanSample(10, 0, 0), new MeanSample(20, 0, 0));

        Assert.Equal(0, result.Absolute.Estimate);
        Assert.Null(result.Absolute.High);
        Assert.Null(result.Df);
        Assert.Null(result.PValue);
        Assert.Equal(0, result.Incremental);
    }

    [Fact]
    public void Compare_ZeroVarianceInOneGroup_UsesTheOtherGroupsDegreesOfFreedom()
    {
        var result = WelchTest.Compare(new MeanSample(10, 3, 4), new MeanSample(20, 1, 0));

        Assert.Equal(9, result.Df!.Value, 1e-12);
    }

    [Fact]
    public void Compare_EmptyGroup_GivesNullEverything()
    {
        var result = WelchTest.Compare(Model, new MeanSample(0, null, null));

        Assert.Null(result.Absolute.Estimate);
        Assert.Null(result.Incremental);
    }
}
