namespace Decisioning.Reporting.Model;

/// <summary>
/// An estimate with its 95% confidence interval (report.json <c>CI</c>). Any part is null when it
/// cannot be computed: an empty group, a zero variance, a zero control rate for a relative uplift.
/// </summary>
public sealed record Interval(double? Estimate, double? Low, double? High)
{
    /// <summary>Nothing could be computed: every part null.</summary>
    public static Interval None { get; } = new(null, null, null);

    /// <summary>True when both bounds exist and the interval excludes zero.</summary>
    public bool ExcludesZero => Low > 0 || High < 0;
}
