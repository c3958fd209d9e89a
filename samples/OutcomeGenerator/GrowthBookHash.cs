namespace Decisioning.Samples.OutcomeGenerator;

/// <summary>
/// The experiment bucket of spec section 3.5 (GrowthBook hash version 2):
/// fnv1a32(str(fnv1a32(salt + id))) % 10000 / 10000, over UTF-16 code units.
/// </summary>
public static class GrowthBookHash
{
    public static double Bucket(string salt, string id)
    {
        var inner = Fnv1a32(salt + id);
        return Fnv1a32(inner.ToString(System.Globalization.CultureInfo.InvariantCulture)) % 10000 / 10000.0;
    }

    public static uint Fnv1a32(string text)
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
