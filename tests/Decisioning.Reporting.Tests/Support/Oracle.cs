using MathNet.Numerics;

namespace Decisioning.Reporting.Tests.Support;

/// <summary>
/// An independent computation of report.json from the in-memory customers: plain loops over
/// the spec's formulas, two-pass variances, z as a literal, Phi and the chi-square tail (1 df)
/// from erfc, and t quantiles by bisection on the regularized incomplete beta, not the report's
/// code. Keys are JSON paths, as <see cref="JsonPaths"/> flattens report.json.
/// </summary>
internal static class Oracle
{
    private const double Z = 1.959963984540054;

    public static Dictionary<string, double?> Expect(IReadOnlyList<SyntheticCustomer> customers, TimeSpan window, double control)
    {
        var expected = new Dictionary<string, double?>();
        var m = customers.Where(c => c.Group == "model").ToList();
        var c = customers.Where(c => c.Group == "control").ToList();
        Compare(expected, "overall", Measure(m, window, null), Measure(c, window, null));
        var strategies = customers.Where(x => x.Strategy is not null).Select(x => x.Strategy!).Distinct().Order(StringComparer.Ordinal).ToList();
        var pValues = new List<double?>();
        for (var i = 0; i < strategies.Count; i++)
        {
            var s = strategies[i];
            pValues.Add(Compare(expected, $"strategies[{i}]", Measure(m.Where(x => x.Strategy == s), window, true), Measure(c.Where(x => x.Strategy == s), window, true)));
        }

        var adjusted = BenjaminiHochberg(pValues);
        for (var i = 0; i < strategies.Count; i++)
        {
            expected[$"strategies[{i}].conversion.pValueAdjusted"] = adjusted[i];
        }

        double n = customers.Count, nc = c.Count, em = n * (1 - control), ec = n * control;
        var chi = (Math.Pow(m.Count - em, 2) / em) + (Math.Pow(nc - ec, 2) / ec);
        expected["srm.chiSquare"] = chi;
        expected["srm.pValue"] = SpecialFunctions.Erfc(Math.Sqrt(chi / 2));
        return expected;
    }

    private sealed record Group(long N, long X, long R, double[] Values);

    private static Group Measure(IEnumerable<SyntheticCustomer> customers, TimeSpan window, bool? armOnly)
    {
        var list = customers.ToList();
        bool Counts(SyntheticCustomer c, SyntheticOutcome o) =>
            o.At >= c.At && o.At <= c.At + window && (armOnly is null || (c.Product is not null && o.Product == c.Product));
        var converted = list.Select(c => c.Outcomes.Where(o => Counts(c, o) && o.Kind == "converted").ToList()).ToList();
        return new Group(
            list.Count,
            converted.Count(o => o.Count > 0),
            list.Count(c => c.Outcomes.Any(o => Counts(c, o) && o.Kind == "responded")),
            converted.Select(o => o.Sum(x => x.Value)).ToArray());
    }

    private static double? Compare(Dictionary<string, double?> e, string at, Group m, Group c)
    {
        Describe(e, at + ".groups.model", m);
        Describe(e, at + ".groups.control", c);
        double pm = (double)m.X / m.N, pc = (double)c.X / c.N, d = pm - pc;
        var se = Math.Sqrt((pm * (1 - pm) / m.N) + (pc * (1 - pc) / c.N));
        e[at + ".conversion.absolute.estimate"] = d;
        e[at + ".conversion.absolute.low"] = d - (Z * se);
        e[at + ".conversion.absolute.high"] = d + (Z * se);
        var pooled = (double)(m.X + c.X) / (m.N + c.N);
        var zs = d / Math.Sqrt(pooled * (1 - pooled) * ((1.0 / m.N) + (1.0 / c.N)));
        double? p = 2 * (1 - (0.5 * SpecialFunctions.Erfc(-Math.Abs(zs) / Math.Sqrt(2))));
        e[at + ".conversion.pValue"] = p;
        e[at + ".conversion.incremental"] = d * m.N;
        var r = (pm / pc) - 1;
        var ser = Math.Sqrt((pm * (1 - pm) / (m.N * pc * pc)) + (pc * (1 - pc) * pm * pm / (c.N * pc * pc * pc * pc)));
        e[at + ".conversion.relative.estimate"] = r;
        e[at + ".conversion.relative.low"] = r - (Z * ser);
        e[at + ".conversion.relative.high"] = r + (Z * ser);
        double mm = Mean(m.Values), mc = Mean(c.Values), a = Variance(m.Values) / m.N, b = Variance(c.Values) / c.N;
        var dv = mm - mc;
        var sev = Math.Sqrt(a + b);
        var df = (a + b) * (a + b) / ((a * a / (m.N - 1)) + (b * b / (c.N - 1)));
        var t = TQuantile975(df);
        e[at + ".value.absolute.estimate"] = dv;
        e[at + ".value.absolute.low"] = dv - (t * sev);
        e[at + ".value.absolute.high"] = dv + (t * sev);
        e[at + ".value.df"] = df;
        e[at + ".value.pValue"] = 2 * TLowerTail(-Math.Abs(dv / sev), df);
        e[at + ".value.incremental"] = dv * m.N;
        return p;
    }

    private static void Describe(Dictionary<string, double?> e, string at, Group g)
    {
        e[at + ".customers"] = g.N;
        e[at + ".converters"] = g.X;
        e[at + ".conversionRate"] = (double)g.X / g.N;
        e[at + ".valuePerCustomer"] = Mean(g.Values);
        e[at + ".valueVariance"] = Variance(g.Values);
        e[at + ".responders"] = g.R;
        e[at + ".responseRate"] = (double)g.R / g.N;
    }

    private static double Mean(double[] values) => values.Sum() / values.Length;

    private static double Variance(double[] values)
    {
        var mean = Mean(values);
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }

    /// <summary>P(T &lt;= t) for t &lt;= 0: I_{df/(df+t^2)}(df/2, 1/2) / 2.</summary>
    private static double TLowerTail(double t, double df) => 0.5 * SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + (t * t)));

    private static double TQuantile975(double df)
    {
        double low = 0, high = 1000;
        for (var i = 0; i < 200 && high - low > 1e-15; i++)
        {
            var mid = (low + high) / 2;
            (low, high) = TLowerTail(-mid, df) > 0.025 ? (mid, high) : (low, mid);
        }

        return (low + high) / 2;
    }

    private static double?[] BenjaminiHochberg(List<double?> p)
    {
        var present = p.Where(x => x is not null).Select(x => x!.Value).Order().ToList();
        return p.Select(x => x is not { } v
            ? (double?)null
            : Enumerable.Range(present.IndexOf(v), present.Count - present.IndexOf(v))
                .Min(j => Math.Min(1, present[j] * present.Count / (j + 1)))).ToArray();
    }
}
