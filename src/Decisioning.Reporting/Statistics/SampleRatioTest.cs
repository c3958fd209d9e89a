using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Statistics;

/// <summary>
/// Pearson's chi-square of the observed group sizes (n_m, n_c) against the expected shares
/// (1 - control, control), 1 degree of freedom, as GrowthBook's <c>check_srm</c>.
/// </summary>
internal static class SampleRatioTest
{
    /// <summary>
    /// Chi-square and p are null when there is no customer or the expected control share is
    /// unknown, 0 or 1 (an expected count of zero has no chi-square term).
    /// </summary>
    public static SampleRatio Evaluate(long model, long control, double? controlShare)
    {
        double total = model + control;
        double? observed = total > 0 ? control / total : null;
        if (controlShare is not { } q || q <= 0 || q >= 1 || total == 0)
        {
            return new SampleRatio(controlShare, observed, null, null, false);
        }

        var expectedModel = total * (1 - q);
        var expectedControl = total * q;
        var chiSquare = (Square(model - expectedModel) / expectedModel) + (Square(control - expectedControl) / expectedControl);
        var p = Distributions.ChiSquareP(chiSquare, 1);
        return new SampleRatio(q, observed, chiSquare, p, p < SampleRatio.Threshold);
    }

    private static double Square(double x) => x * x;
}
