using Decisioning.Reporting.Statistics;

namespace Decisioning.Reporting.Tests.Statistics;

/// <summary>
/// Quantiles against values computed to 40 digits with mpmath 1.3 (findroot on the regularized
/// incomplete beta). MathNet's own InvCDF is within about 1e-9 of them; scipy 1.10's t.ppf is
/// off by up to 4e-9 at these degrees of freedom.
/// </summary>
public class DistributionsTests
{
    [Fact]
    public void Z975_IsTheNormalQuantile()
    {
        Assert.Equal(1.959963984540054, Distributions.Z975, 1e-15);
    }

    [Theory]
    [InlineData(10, 2.2281388519862747)]
    [InlineData(56.3, 2.0030051877823998)]
    [InlineData(1.5, 6.016663104427932)]
    public void StudentQuantile_MatchesFortyDigitValues(double df, double expected)
    {
        Assert.Equal(expected, Distributions.StudentQuantile(df, 0.975), 1e-13);
    }

    [Fact]
    public void TwoSidedNormalP_AtTheQuantile_IsFivePercent()
    {
        Assert.Equal(0.05, Distributions.TwoSidedNormalP(Distributions.Z975), 1e-15);
    }

    [Fact]
    public void Around_ZeroStandardError_GivesNullBounds()
    {
        var interval = Distributions.Around(0.5, 0, 1.96);

        Assert.Equal(0.5, interval.Estimate);
        Assert.Null(interval.Low);
        Assert.Null(interval.High);
    }
}
