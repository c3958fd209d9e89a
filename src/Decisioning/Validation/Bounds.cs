namespace Decisioning.Validation;

/// <summary>
/// The bounds that keep every number a decision computes finite (docs/limits.md). With them, a
/// score (propensity x value x weight x priority / 100) is at most 1 x 1e12 x 1e6 x 1 = 1e18, and
/// a logistic model's sum stays finite for every decimal a snapshot may carry (at most 7.9e28 x 1e6).
/// </summary>
internal static class Bounds
{
    /// <summary>The largest product value (one conversion's expected value).</summary>
    public const double MaxValue = 1e12;

    /// <summary>The largest objective weight.</summary>
    public const double MaxWeight = 1e6;

    /// <summary>The largest absolute logistic coefficient or intercept.</summary>
    public const double MaxCoefficient = 1e6;
}
