namespace Decisioning.Samples.OutcomeGenerator;

/// <summary>
/// A random source per customer, from the run's seed and the customer id, so that a customer's
/// draws do not depend on the order of the file or on other customers.
/// </summary>
public static class SeededRandom
{
    public static Random For(int seed, string customerId) =>
        new((int)(GrowthBookHash.Fnv1a32(seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + customerId) & 0x7fffffff));
}
