using Decisioning.Reporting.Model;
using Decisioning.Reporting.Statistics;

namespace Decisioning.Reporting.Aggregation;

/// <summary>
/// Sums one group's customers in one pass: counts, and the mean and variance of value by
/// Welford's update, which stays exact where a sum of squares would cancel.
/// </summary>
internal sealed class GroupAccumulator
{
    private long customers;
    private long converters;
    private long responders;
    private double mean;
    private double squaredDeviations;

    public void Add(bool converted, bool responded, double value)
    {
        customers++;
        converters += converted ? 1 : 0;
        responders += responded ? 1 : 0;
        var delta = value - mean;
        mean += delta / customers;
        squaredDeviations += delta * (value - mean);
    }

    public Proportion Conversion => new(customers, converters);

    public MeanSample Value => new(
        customers,
        customers > 0 ? mean : null,
        customers > 1 ? squaredDeviations / (customers - 1) : null);

    public GroupSummary ToSummary()
    {
        if (customers == 0)
        {
            return GroupSummary.Empty;
        }

        var value = Value;
        return new GroupSummary(
            customers,
            converters,
            (double)converters / customers,
            Distributions.Finite(value.Mean!.Value),
            value.Variance is { } v ? Distributions.Finite(v) : null,
            responders,
            (double)responders / customers);
    }
}
