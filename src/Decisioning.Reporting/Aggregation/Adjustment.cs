using Decisioning.Reporting.Model;
using Decisioning.Reporting.Statistics;

namespace Decisioning.Reporting.Aggregation;

/// <summary>
/// Fills <c>pValueAdjusted</c>: Benjamini-Hochberg across the per-strategy comparisons, one
/// family for conversion and one for value; the overall comparison is a family of one, so its
/// adjusted p-value equals its p-value.
/// </summary>
internal static class Adjustment
{
    public static Comparison AsFamilyOfOne(Comparison comparison) => comparison with
    {
        Conversion = comparison.Conversion with { PValueAdjusted = comparison.Conversion.PValue },
        Value = comparison.Value with { PValueAdjusted = comparison.Value.PValue },
    };

    public static IReadOnlyList<StrategyComparison> AcrossStrategies(IReadOnlyList<StrategyComparison> strategies)
    {
        var conversion = BenjaminiHochberg.Adjust(strategies.Select(s => s.Comparison.Conversion.PValue).ToList());
        var value = BenjaminiHochberg.Adjust(strategies.Select(s => s.Comparison.Value.PValue).ToList());
        return strategies.Select((s, i) => s with
        {
            Comparison = s.Comparison with
            {
                Conversion = s.Comparison.Conversion with { PValueAdjusted = conversion[i] },
                Value = s.Comparison.Value with { PValueAdjusted = value[i] },
            },
        }).ToList();
    }
}
