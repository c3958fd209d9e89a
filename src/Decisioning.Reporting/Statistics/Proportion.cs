namespace Decisioning.Reporting.Statistics;

/// <summary>x converters out of n customers.</summary>
internal readonly record struct Proportion(long N, long X)
{
    public double Rate => (double)X / N;
}

/// <summary>n customers' values summarised by their mean and sample variance (n - 1).</summary>
internal readonly record struct MeanSample(long N, double? Mean, double? Variance)
{
    /// <summary>From a sum and a sum of squares, as GrowthBook's SampleMeanStatistic.</summary>
    public static MeanSample FromSums(long n, double sum, double sumOfSquares) => new(
        n,
        n > 0 ? sum / n : null,
        n > 1 ? (sumOfSquares - (sum * sum / n)) / (n - 1) : null);
}
