using System.Globalization;

namespace Decisioning.Runtime;

/// <summary>
/// Instants as the product keeps them: <see cref="DateTime"/> values of kind UTC. The one place that
/// turns another kind into one (the banned-symbols analyzer keeps <c>DateTime.SpecifyKind</c> out of
/// everything else), so that a caller's local time is converted, never relabelled.
/// </summary>
internal static class Instant
{
    /// <summary>
    /// <paramref name="at"/> as UTC: a local time converted with the machine's offset, a UTC time as
    /// it is, an unspecified one read as UTC (instants the product reads from text without an offset
    /// are UTC; docs/reference).
    /// </summary>
    public static DateTime Utc(DateTime at) => at.Kind switch
    {
        DateTimeKind.Local => at.ToUniversalTime(),
        DateTimeKind.Utc => at,
#pragma warning disable RS0030 // The one conversion the ban points to.
        _ => DateTime.SpecifyKind(at, DateTimeKind.Utc),
#pragma warning restore RS0030
    };

    private const string WholeSeconds = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const string Fraction = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <summary>
    /// <paramref name="at"/> as every file the product writes gives a time: UTC ISO-8601 with a
    /// <c>Z</c>, whole seconds when whole, else up to seven fractional digits, trailing zeros dropped.
    /// </summary>
    public static string Format(DateTime at)
    {
        Span<char> text = stackalloc char[32];
        return new string(text[..Format(at, text)]);
    }

    /// <summary>Writes <paramref name="at"/> as <see cref="Format(DateTime)"/> does into <paramref name="text"/> (32 characters are enough); returns the length.</summary>
    public static int Format(DateTime at, Span<char> text)
    {
        var utc = Utc(at);
        utc.TryFormat(text, out var written, utc.Ticks % TimeSpan.TicksPerSecond == 0 ? WholeSeconds : Fraction, CultureInfo.InvariantCulture);
        return written;
    }
}
