namespace Decisioning.Reporting.Model;

/// <summary>
/// One group of one comparison (report.json <c>G</c>). Rates and means are null for an empty
/// group; the variance (n - 1 in the denominator) is null below two customers.
/// <see cref="Responders"/> and <see cref="ResponseRate"/> are additions to spec section 6.
/// </summary>
public sealed record GroupSummary(
    long Customers,
    long Converters,
    double? ConversionRate,
    double? ValuePerCustomer,
    double? ValueVariance,
    long Responders,
    double? ResponseRate)
{
    /// <summary>A group without customers.</summary>
    public static GroupSummary Empty { get; } = new(0, 0, null, null, null, 0, null);
}
