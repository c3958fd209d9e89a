namespace Decisioning.Evaluation;

/// <summary>
/// GrowthBook's hash version 2 (spec section 3, step 5): FNV-1a 32 over UTF-16 code units,
/// applied twice, the second time to the decimal text of the first.
/// </summary>
internal static class ExperimentHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

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
    public static double Bucket(uint saltHash, string id)
    {
        var inner = Fnv1a32(id, saltHash);
        // The decimal text of the first hash, written by hand: the invariant formatter costs more
        // than the two hashes together, on every decision of a map with an experiment.
        Span<char> digits = stackalloc char[10];
        var start = digits.Length;
        do
        {
            digits[--start] = (char)('0' + inner % 10);
            inner /= 10;
        }
        while (inner != 0);

        return Fnv1a32(digits[start..]) % 10000 / 10000.0;
    }

    /// <summary>
    /// The control group's <c>random</c> pick among <paramref name="count"/> candidates: uniform over
    /// customers and deterministic, <c>fnv1a32("random:" + salt + ":" + id) mod count</c>.
    /// </summary>
    public static int RandomPick(string salt, string id, int count)
    {
        var hash = Fnv1a32(id, Fnv1a32(":", Fnv1a32(salt, Fnv1a32("random:"))));
        return (int)(hash % (uint)count);
    }
}
