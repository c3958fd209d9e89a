using System.Globalization;

namespace Decisioning.Tests.CrossCheck;

/// <summary>
/// Spec section 3, step 5, written out again without the engine's code: GrowthBook's hash
/// version 2 over UTF-16 code units.
/// </summary>
public static class ReferenceHash
{
    public static uint Fnv1a32(string text)
    {
        uint h = 2166136261;
        for (var i = 0; i < text.Length; i++)
        {
            h ^= text[i];
            h = unchecked(h * 16777619);
        }

        return h;
    }

    /// <summary><c>fnv1a32(str(fnv1a32(salt + id))) % 10000 / 10000</c>.</summary>
    public static double Bucket(string salt, string id)
    {
        var inner = Fnv1a32(salt + id);
        var outer = Fnv1a32(inner.ToString(CultureInfo.InvariantCulture));
        return (outer % 10000) / 10000.0;
    }

    /// <summary>
    /// The control policy <c>random</c>: the spec asks for a uniform, deterministic pick and leaves
    /// the function to the implementation. Ours (docs, and ExperimentHash.RandomPick) is
    /// <c>fnv1a32("random:" + salt + ":" + id) mod count</c>, an index into the candidates in
    /// file order; the reference repeats that definition, it does not call the engine.
    /// </summary>
    public static int RandomPick(string salt, string id, int count) =>
        (int)(Fnv1a32("random:" + salt + ":" + id) % (uint)count);
}
