using Decisioning.Reporting.Model;

using MathNet.Numerics.Distributions;

namespace Decisioning.Reporting.Statistics;

/// <summary>
/// The quantiles and tail probabilities the report uses, all from MathNet.Numerics. Two-sided
/// p-values are computed as 2 F(-|x|), which equals 2 (1 - F(|x|)) of spec section 6 without
/// the cancellation of 1 - F for large |x|.
/// </summary>
internal static class Distributions
{
    /// <summary>z, the 0.975 quantile of the standard normal: 1.959963984540054.</summary>
    public static readonly double Z975 = Normal.InvCDF(0, 1, 0.975);

    public static double TwoSidedNormalP(double z) => 2 * Normal.CDF(0, 1, -Math.Abs(z));

    public static double TwoSidedStudentP(double t, double df) => 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));

    /// <summary>Upper tail of the chi-square distribution with <paramref name="df"/> degrees of freedom.</summary>
    public static double ChiSquareP(double chiSquare, int df) => 1 - ChiSquared.CDF(df, chiSquare);

    /// <summary>
    /// The <paramref name="p"/> quantile of Student's t. MathNet's InvCDF finds the root with a
    /// bracketing solver good to about 1e-12; a few Newton steps on MathNet's own CDF and density
    /// bring it to the precision of the CDF (checked against 40-digit values in the tests).
    /// </summary>
    public static double StudentQuantile(double df, double p)
    {
        var x = StudentT.InvCDF(0, 1, df, p);
        for (var i = 0; i < 3; i++)
        {
            var density = StudentT.PDF(0, 1, df, x);
            if (!(density > 0))
            {
                break;
            }

            var step = (StudentT.CDF(0, 1, df, x) - p) / density;
            x -= step;
            if (Math.Abs(step) <= 1e-15 * Math.Abs(x))
            {
                break;
            }
        }

        return x;
    }

    /// <summary>estimate +- quantile * se; the bounds are null when se is zero or not finite.</summary>
    public static Interval Around(double estimate, double se, double quantile) =>
        se > 0 && double.IsFinite(se) && double.IsFinite(estimate)
            ? new Interval(estimate, estimate - (quantile * se), estimate + (quantile * se))
            : new Interval(Finite(estimate), null, null);

    /// <summary>The value, or null when it is NaN or infinite: the report never holds either.</summary>
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
