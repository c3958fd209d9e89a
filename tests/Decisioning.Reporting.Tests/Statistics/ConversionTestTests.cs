using Decisioning.Reporting.Statistics;

namespace Decisioning.Reporting.Tests.Statistics;

/// <summary>
/// Vectors: GrowthBook gbstats, packages/stats/tests/frequentist/test_tests.py,
/// <c>test_two_sided_ttest_binom</c>: control 14/28, treatment 16/30, relative uplift 0.06667
/// with standard deviation 0.2717, CI (-0.47767, 0.61101), p 0.80707. The absolute values were
/// computed independently with scipy.stats 1.10 (norm.ppf, norm.sf) from the spec's formulas.
/// </summary>
public class ConversionTestTests
{
    private static readonly Proportion Model = new(30, 16);
    private static readonly Proportion Control = new(28, 14);

    [Fact]
    public void Compare_GrowthBookBinomialVector_RelativeUpliftAndStandardErrorMatch()
    {
        var relative = ConversionTest.Compare(Model, Control).Relative;

        Assert.Equal(0.06667, Math.Round(relative.Estimate!.Value, 5));
        var se = (relative.High!.Value - relative.Estimate.Value) / Distributions.Z975;
        Assert.Equal(0.2717, Math.Round(se, 4));
        Assert.Equal(0.27169855689735606, se, 1e-12);
    }

    [Fact]
    public void Compare_GrowthBookBinomialVector_OurIntervalUsesNormalQuantile()
    {
        // GrowthBook multiplies the same standard error by a t quantile; spec section 6 uses z.
        var relative = ConversionTest.Compare(Model, Control).Relative;

        Assert.Equal(-0.4658527195036579, relative.Low!.Value, 1e-12);
        Assert.Equal(0.5991860528369912, relative.High!.Value, 1e-12);
    }

    [Fact]
    public void GrowthBookConvention_TQuantileWithWelchDf_ReproducesTheirIntervalAndPValue()
    {
        // Their ProportionStatistic variance is p(1 - p) (no n - 1), with Welch-Satterthwaite df
        // and Student's t: the only difference from ours is the quantile, which this shows.
        double pm = 16 / 30.0, pc = 0.5;
        var r = (pm / pc) - 1;
        var se = Math.Sqrt((pm * (1 - pm) / (30 * pc * pc)) + (pc * (1 - pc) * pm * pm / (28 * Math.Pow(pc, 4))));
        var df = WelchTest.WelchDf(pm * (1 - pm) / 30, pc * (1 - pc) / 28, 30, 28);
        var t = Distributions.StudentQuantile(df, 0.975);

        Assert.Equal(-0.47767, Math.Round(r - (t * se), 5));
        Assert.Equal(0.61101, Math.Round(r + (t * se), 5));
        Assert.Equal(0.80707, Math.Round(Distributions.TwoSidedStudentP(r / se, df), 5));
    }

    [Fact]
    public void Compare_BinomialVector_AbsoluteAndPooledZTestMatchScipy()
    {
        var result = ConversionTest.Compare(Model, Control);

        Assert.Equal(0.033333333333333326, result.Absolute.Estimate!.Value, 1e-15);
        Assert.Equal(-0.22389928523783986, result.Absolute.Low!.Value, 1e-12);
        Assert.Equal(0.2905659519045065, result.Absolute.High!.Value, 1e-12);
        Assert.Equal(0.7996044106165794, result.PValue!.Value, 1e-12);
        Assert.Equal(1.0, result.Incremental!.Value, 1e-12);
    }

    [Fact]
    public void Compare_EmptyControl_GivesNullEverything()
    {
        var result = ConversionTest.Compare(Model, new Proportion(0, 0));

        Assert.Null(result.Absolute.Estimate);
        Assert.Null(result.Relative.Estimate);
        Assert.Null(result.PValue);
        Assert.Null(result.Incremental);
    }

    [Fact]
    public void Compare_ZeroControlRate_GivesNullRelative()
    {
        var result = ConversionTest.Compare(new Proportion(100, 5), new Proportion(100, 0));

        Assert.Equal(Reporting.Model.Interval.None, result.Relative);
        Assert.Equal(0.05, result.Absolute.Estimate!.Value, 1e-15);
        Assert.NotNull(result.PValue);
    }

    [Fact]
    public void Compare_NoConversionsInEitherGroup_GivesNullPValueAndBounds()
    {
        var result = ConversionTest.Compare(new Proportion(100, 0), new Proportion(50, 0));

        Assert.Equal(0, result.Absolute.Estimate);
        Assert.Null(result.Absolute.Low);
        Assert.Null(result.Absolute.High);
        Assert.Null(result.PValue);
        Assert.Null(result.Relative.Estimate);
    }
}
