using System.Globalization;

namespace Decisioning.Diagnostics;

/// <summary>Counts in messages, in English as people write them: "1 error", "2 errors", "1 strategy".</summary>
internal static class Wording
{
    /// <summary><paramref name="count"/> and the noun, plural unless the count is one; thousands grouped (3,000).</summary>
    public static string Count(long count, string singular, string? plural = null) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? Plural(singular));

    private static string Plural(string singular) =>
        singular.EndsWith('y') && singular.Length > 1 && !"aeiou".Contains(singular[^2], StringComparison.Ordinal)
            ? singular[..^1] + "ies"
            : singular + "s";
}
