namespace Decisioning.Reporting.Model;

/// <summary>
/// Value per customer, model minus control: Welch's t-test with Welch-Satterthwaite degrees of
/// freedom, and the incremental value. <see cref="PValueAdjusted"/> is an addition, as for
/// <see cref="ConversionResult"/>.
/// </summary>
public sealed record ValueResult(
    Interval Absolute,
    double? Df,
    double? PValue,
    double? PValueAdjusted,
    double? Incremental);
