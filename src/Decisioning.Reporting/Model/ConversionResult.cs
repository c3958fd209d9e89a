namespace Decisioning.Reporting.Model;

/// <summary>
/// Conversion, model minus control: absolute difference of rates, relative uplift (delta method),
/// the pooled two-proportion z-test, and incremental conversions. <see cref="PValueAdjusted"/>
/// (an addition) is the Benjamini-Hochberg adjusted p-value across the per-strategy comparisons.
/// </summary>
public sealed record ConversionResult(
    Interval Absolute,
    Interval Relative,
    double? PValue,
    double? PValueAdjusted,
    double? Incremental);
