using System.Globalization;

namespace Decisioning.Testing.Checks;

/// <summary>
/// GrowthBook's hash version 2 as spec section 3, step 5 writes it, recomputed here so that the
/// experiment check does not trust the engine's own: <c>fnv1a32(str(fnv1a32(salt + id))) % 10000 / 10000</c>
/// over UTF-16 code units.
/// </summary>
internal static class GrowthBookHash
{
    public static double Bucket(string salt, string id)
    {
        var inner = Fnv1a32(salt + id).ToString(CultureInfo.InvariantCulture);
        return Fnv1a32(inner) % 10000 / 10000.0;
    }

    private static uint Fnv1a32(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 16777619u;
        }

        return hash;
    }
}
