namespace Decisioning.Reporting.Model;

/// <summary>
/// The sample-ratio mismatch check (report.json <c>srm</c>): Pearson's chi-square of the group
/// sizes against the configured split, 1 degree of freedom, a mismatch when p &lt; 0.001.
/// <see cref="ObservedControlShare"/> is an addition.
/// </summary>
public sealed record SampleRatio(
    double? ExpectedControlShare,
    double? ObservedControlShare,
    double? ChiSquare,
    double? PValue,
    bool Mismatch)
{
    /// <summary>The threshold below which the split is flagged, as GrowthBook's default.</summary>
    public const double Threshold = 0.001;
}
