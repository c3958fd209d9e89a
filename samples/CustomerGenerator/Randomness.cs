namespace Decisioning.Samples.CustomerGenerator;

/// <summary>
/// Seeded draws. Each customer gets its own <see cref="Random"/> seeded from the run's seed and
/// its number, so customer C00042 is the same whatever <c>--count</c> is.
/// </summary>
public sealed class Randomness(int seed, int number)
{
    private readonly Random _random = new(unchecked((seed * 1_000_003) ^ (number * 7_919)));

    public bool Chance(double p) => _random.NextDouble() < p;

    /// <summary>An integer in [min, max], both included.</summary>
    public int Between(int min, int max) => _random.Next(min, max + 1);

    public double Uniform(double min, double max) => min + ((max - min) * _random.NextDouble());

    /// <summary>A log-uniform amount in [min, max), rounded to fen (0.01 元).</summary>
    public decimal Amount(double min, double max) =>
        Math.Round((decimal)Math.Exp(Uniform(Math.Log(min), Math.Log(max))), 2);

    /// <summary>A round amount: log-uniform, then rounded down to a multiple of <paramref name="step"/>.</summary>
    public decimal RoundAmount(double min, double max, int step) =>
        Math.Max(step, Math.Floor(Amount(min, max) / step) * step);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Picks an index with the given relative weights.</summary>
    public int Weighted(params double[] weights)
    {
        var x = _random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>An instant between <paramref name="minDays"/> and <paramref name="maxDays"/> days before <paramref name="at"/>, to the minute.</summary>
    public DateTime DaysBefore(DateTime at, double minDays, double maxDays)
    {
        var minutes = (int)Math.Round(Uniform(minDays, maxDays) * 24 * 60);
        return at.AddMinutes(-Math.Max(1, minutes));
    }
}
