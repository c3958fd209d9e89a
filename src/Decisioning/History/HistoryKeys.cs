using Decisioning.Runtime;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Decisioning.History;

/// <summary>
/// The identity of a record, from every field that makes it what it is: two records with the
/// same key are the same record (stored once, counted once when merged). A SHA-256 prefix of the
/// fields joined with a separator no id contains, so a key is short and fixed-width whatever the ids.
/// </summary>
internal static class HistoryKeys
{
    public static string Of(StoredDecision d) => Hash("d", d.Role, d.CustomerId, HistoryTime.Format(d.At), d.Map, d.Version, d.MapHash);

    public static string Of(OfferEntry o) =>
        Hash("o", o.Role, o.CustomerId, HistoryTime.Format(o.At), o.Map, o.Version, o.MapHash, Number(o.Rank), o.Strategy);

    public static string Of(ContactEntry c) =>
        Hash("c", c.CustomerId, HistoryTime.Format(c.At), c.Channel, c.Strategy, c.Product, Number(c.Wave), c.Outcome);

    public static string Of(ResponseEntry r) =>
        Hash("r", r.CustomerId, HistoryTime.Format(r.At), r.Strategy, r.Product, r.Kind, r.Value.ToString("R", CultureInfo.InvariantCulture));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Hash(params string?[] parts)
    {
        // A null and an empty string differ: null is written as a lone \u0001.
        var text = string.Join('\u001f', parts.Select(p => p ?? "\u0001"));
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return Convert.ToHexStringLower(digest[..16]);
    }
}

/// <summary>
/// Times as the stores keep them: UTC ISO-8601 text of fixed width with seven fractional digits
/// (<c>2026-11-26T08:00:00.0000000Z</c>), so that text order is time order in every database and
/// the value reads as a time in any SQL client.
/// </summary>
public static class HistoryTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The stored text of <paramref name="at"/> (taken as UTC).</summary>
    public static string Format(DateTime at) =>
        Instant.Utc(at)
            .ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Reads a stored time back.</summary>
    public static DateTime Parse(string text) =>
        DateTime.ParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
