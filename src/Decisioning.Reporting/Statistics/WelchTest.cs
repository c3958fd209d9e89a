using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Statistics;

/// <summary>
/// Value per customer, model m against control c: Welch's unequal-variance t-test, with
/// se = sqrt(v_m/n_m + v_c/n_c) and the Welch-Satterthwaite degrees of freedom.
/// </summary>
internal static class WelchTest
{
    public static ValueResult Compare(MeanSample model, MeanSample control)
    {
        if (model.Mean is not { } mm || control.Mean is not { } mc)
        {
            return new ValueResult(Interval.None, null, null, null, null);
        }

        var d = mm - mc;
        double? incremental = Distributions.Finite(d * model.N);
        var se = StandardError(model, control, out var a, out var b);
        if (!(se > 0) || !double.IsFinite(se))
        {
            return new ValueResult(new Interval(Distributions.Finite(d), null, null), null, null, null, incremental);
        }

        var df = WelchDf(a, b, model.N, control.N);
        var t = Distributions.StudentQuantile(df, 0.975);
        var p = Distributions.TwoSidedStudentP(d / se, df);
        return new ValueResult(Distributions.Around(d, se, t), df, p, null, incremental);
    }

    /// <summary>(a + b)^2 / (a^2/(n_m - 1) + b^2/(n_c - 1)) with a = v_m/n_m, b = v_c/n_c.</summary>
    public static double WelchDf(double a, double b, long nm, long nc) =>
        (a + b) * (a + b) / ((a * a / (nm - 1)) + (b * b / (nc - 1)));

    private static double StandardError(MeanSample model, MeanSample control, out double a, out double b)
    {
        a = b = double.NaN;
        if (model.Variance is not { } vm || control.Variance is not { } vc)
        {
            return double.NaN;
        }

        a = vm / model.N;
        b = vc / control.N;
        return Math.Sqrt(a + b);
    }
}
