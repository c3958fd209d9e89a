using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Statistics;

/// <summary>
/// Conversion of the model group m against the control group c, as spec section 6: the
/// unpooled Wald interval of p_m - p_c, the relative uplift p_m / p_c - 1 with a delta-method
/// interval (GrowthBook's), and the pooled two-proportion z-test.
/// </summary>
internal static class ConversionTest
{
    public static ConversionResult Compare(Proportion model, Proportion control)
    {
        if (model.N == 0 || control.N == 0)
        {
            return new ConversionResult(Interval.None, Interval.None, null, null, null);
        }

        double pm = model.Rate, pc = control.Rate;
        double nm = model.N, nc = control.N;
        var d = pm - pc;
        var se = Math.Sqrt((pm * (1 - pm) / nm) + (pc * (1 - pc) / nc));
        var absolute = Distributions.Around(d, se, Distributions.Z975);

        var pooled = (double)(model.X + control.X) / (model.N + control.N);
        var pooledSe = Math.Sqrt(pooled * (1 - pooled) * ((1 / nm) + (1 / nc)));
        double? p = pooledSe > 0 ? Distributions.TwoSidedNormalP(d / pooledSe) : null;

        return new ConversionResult(absolute, Relative(pm, pc, nm, nc), p, null, d * nm);
    }

    /// <summary>r = p_m / p_c - 1, se = sqrt(p_m(1-p_m)/(n_m p_c^2) + p_c(1-p_c) p_m^2/(n_c p_c^4)).</summary>
    private static Interval Relative(double pm, double pc, double nm, double nc)
    {
        if (pc == 0)
        {
            return Interval.None;
        }

        var r = (pm / pc) - 1;
        var variance = (pm * (1 - pm) / (nm * pc * pc)) + (pc * (1 - pc) * pm * pm / (nc * Math.Pow(pc, 4)));
        return Distributions.Around(r, Math.Sqrt(variance), Distributions.Z975);
    }
}
