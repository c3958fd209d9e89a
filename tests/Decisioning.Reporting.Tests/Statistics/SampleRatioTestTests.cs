using Decisioning.Reporting.Statistics;

namespace Decisioning.Reporting.Tests.Statistics;

/// <summary>
/// Vector: GrowthBook gbstats, packages/stats/tests/test_gbstats.py, <c>TestHelpers.test_srm</c>
/// (until commit 01387ac8, PR #841): <c>check_srm([1000, 1200], [0.5, 0.5])</c> rounds to
/// 0.000020079; the chi-square is 2 * 100^2 / 1100 = 18.1818.
/// </summary>
public class SampleRatioTestTests
{
    [Fact]
    public void Evaluate_GrowthBookVector_ChiSquareAndPValueMatch()
    {
        var srm = SampleRatioTest.Evaluate(model: 1000, control: 1200, controlShare: 0.5);

        Assert.Equal(18.181818181818183, srm.ChiSquare!.Value, 1e-12);
        Assert.Equal(0.000020079, Math.Round(srm.PValue!.Value, 9));
        Assert.True(srm.Mismatch);
        Assert.Equal(1200 / 2200.0, srm.ObservedControlShare!.Value, 1e-15);
    }

    [Fact]
    public void Evaluate_SplitAsConfigured_IsNoMismatch()
    {
        var srm = SampleRatioTest.Evaluate(model: 9000, control: 1000, controlShare: 0.1);

        Assert.Equal(0, srm.ChiSquare);
        Assert.Equal(1, srm.PValue);
        Assert.False(srm.Mismatch);
    }

    [Theory]
    [InlineData(0L, 0L, 0.1)]
    [InlineData(10L, 0L, 0.0)]
    [InlineData(0L, 10L, 1.0)]
    public void Evaluate_NoCustomersOrDegenerateShare_GivesNullAndNoMismatch(long model, long control, double share)
    {
        var srm = SampleRatioTest.Evaluate(model, control, share);

        Assert.Null(srm.ChiSquare);
        Assert.Null(srm.PValue);
        Assert.False(srm.Mismatch);
    }

    [Fact]
    public void Evaluate_UnknownControlShare_GivesNull()
    {
        var srm = SampleRatioTest.Evaluate(10, 10, null);

        Assert.Null(srm.ExpectedControlShare);
        Assert.Null(srm.PValue);
    }
}
