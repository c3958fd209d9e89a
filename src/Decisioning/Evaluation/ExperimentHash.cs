namespace Decisioning.Evaluation;

/// <summary>
/// GrowthBook's hash version 2 (spec section 3, step 5): FNV-1a 32 over UTF-16 code units,
/// applied twice, the second time to the decimal text of the first.
/// </summary>
internal static class ExperimentHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    // "00" to "99": the decimal text of a number is written two digits per division.
    private static readonly char[] DigitPairs = [.. Enumerable.Range(0, 100).SelectMany(i => new[] { (char)('0' + i / 10), (char)('0' + i % 10) })];

    public static uint Fnv1a32(ReadOnlySpan<char> text, uint hash = OffsetBasis)
    {
        foreach (var c in text)
        {
            hash ^= c;
            hash *= Prime;
        }

        return hash;
    }

    /// <summary><c>fnv1a32(str(fnv1a32(salt + id))) % 10000 / 10000</c>, in [0, 1).</summary>
    public static double Bucket(string salt, string id) => Bucket(Salt(salt), id);

    /// <summary>The salt's part of <see cref="Bucket(string, string)"/>: the same for every customer, so hashed once per plan.</summary>
    public static uint Salt(string salt) => Fnv1a32(salt);

    /// <summary><see cref="Bucket(string, string)"/> from the salt's hash (<see cref="Salt"/>).</summary>
    public static double Bucket(uint saltHash, string id) => OfDecimalText(Fnv1a32(id, saltHash)) % 10000 / 10000.0;

    /// <summary>
    /// <c>fnv1a32</c> of <paramref name="value"/>'s invariant decimal text (no sign, no leading
    /// zeros), the text written by hand: the invariant formatter costs more than the two hashes
    /// together, on every decision of a map with an experiment. Two digits per division halve the
    /// chain of divisions the hash waits for.
    /// </summary>
    internal static uint OfDecimalText(uint value)
    {
        Span<char> digits = stackalloc char[10];
        var start = digits.Length;
        var pairs = DigitPairs;
        while (value >= 100)
        {
            var pair = (int)(value % 100) * 2;
            value /= 100;
            digits[--start] = pairs[pair + 1];
            digits[--start] = pairs[pair];
        }

        if (value >= 10)
        {
            digits[--start] = pairs[(int)value * 2 + 1];
            digits[--start] = pairs[(int)value * 2];
        }
        else
        {
            digits[--start] = (char)('0' + value);
        }

        return Fnv1a32(digits[start..]);
    }

    /// <summary>The part of <see cref="RandomPick(uint, string, int)"/> before the customer's id, <c>"random:" + salt + ":"</c>, hashed once per plan.</summary>
    public static uint PickPrefix(string salt) => Fnv1a32(":", Fnv1a32(salt, Fnv1a32("random:")));

    /// <summary>
    /// The control group's <c>random</c> pick among <paramref name="count"/> candidates: uniform over
    /// customers and deterministic, <c>fnv1a32("random:" + salt + ":" + id) mod count</c>.
    /// </summary>
    public static int RandomPick(string salt, string id, int count) => RandomPick(PickPrefix(salt), id, count);

    /// <summary><see cref="RandomPick(string, string, int)"/> from the prefix's hash (<see cref="PickPrefix"/>).</summary>
    public static int RandomPick(uint prefixHash, string id, int count) => (int)(Fnv1a32(id, prefixHash) % (uint)count);
}
