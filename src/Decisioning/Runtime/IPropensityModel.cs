namespace Decisioning.Runtime;

/// <summary>
/// A propensity model supplied by the host application for a map's <c>kind: host</c> model.
/// Implementations must be thread-safe and return a probability in [0, 1].
/// </summary>
public interface IPropensityModel
{
    /// <summary>The probability, in [0, 1], that <paramref name="customer"/> responds; called concurrently.</summary>
    double Predict(CustomerRecord customer);
}
