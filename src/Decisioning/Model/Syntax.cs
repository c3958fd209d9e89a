using System.Globalization;
using System.Text.RegularExpressions;

namespace Decisioning.Model;

/// <summary>
/// The lexical forms of a map: ids, field names, durations, dates. At the bottom of the pipeline
/// (the model), so that parsing turns text into typed values once and every later stage, and the
/// readers of snapshots and logs, share the same forms.
/// </summary>
internal static partial class Syntax
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex FieldNamePattern();

    [GeneratedRegex("^([0-9]{1,9})([dhm])$")]
    private static partial Regex DurationPattern();

    public static bool IsId(string text) => IdPattern().IsMatch(text);

    public static bool IsFieldName(string text) => FieldNamePattern().IsMatch(text);

    /// <summary>
    /// The longest duration a map may write: 100 years (36,500 days), so that every window
    /// (<c>at - cooldown</c>, <c>at + after</c>) stays a date (docs/limits.md).
    /// </summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(36_500);

    /// <summary>Parses <c>&lt;n&gt;d</c>, <c>&lt;n&gt;h</c> or <c>&lt;n&gt;m</c> (days, hours, minutes), up to <see cref="MaxDuration"/>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration) => TryParseDuration(text, out duration, out _);

    /// <summary>As <see cref="TryParseDuration(string, out TimeSpan)"/>; <paramref name="tooLong"/> tells a well-formed duration over the bound.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration, out bool tooLong)
    {
        var match = DurationPattern().Match(text);
        duration = default;
        tooLong = false;
        if (!match.Success)
        {
            return false;
        }

        var n = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var perUnit = match.Groups[2].Value switch { "d" => TimeSpan.TicksPerDay, "h" => TimeSpan.TicksPerHour, _ => TimeSpan.TicksPerMinute };
        if (n > MaxDuration.Ticks / perUnit)
        {
            tooLong = true;
            return false;
        }

        duration = match.Groups[2].Value switch
        {
            "d" => TimeSpan.FromDays(n),
            "h" => TimeSpan.FromHours(n),
            _ => TimeSpan.FromMinutes(n),
        };
        return true;
    }

    /// <summary>
    /// An ISO-8601 date (midnight UTC) or date-time. A date-time without an offset is taken as UTC,
    /// so that the same text means the same instant on every machine.
    /// </summary>
    public static bool TryParseInstant(string text, out DateTime utc) => TryParseInstant(text.AsSpan(), out utc);

    /// <inheritdoc cref="TryParseInstant(string, out DateTime)"/>
    public static bool TryParseInstant(ReadOnlySpan<char> text, out DateTime utc)
    {
        if (TryParseCanonical(text, out utc))
        {
            return true;
        }

        utc = default;
        if (text.Length == 10 &&
            DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            utc = date; // AdjustToUniversal: already of kind UTC
            return true;
        }

        if (text.Length < 16 || text[10] is not ('T' or 't' or ' '))
        {
            return false;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            utc = instant.UtcDateTime;
            return true;
        }

        return false;
    }

    // The forms snapshots and decision lines are written in, `yyyy-MM-dd` and `yyyy-MM-ddTHH:mm:ssZ`,
    // read digit by digit (a snapshot line holds several): the same instant the general parsers
    // give. Anything else, or a value out of range, is left to them.
    private static bool TryParseCanonical(ReadOnlySpan<char> text, out DateTime utc)
    {
        utc = default;
        if (!(text.Length == 10 || (text.Length == 20 && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == 'Z')) ||
            text[4] != '-' || text[7] != '-' ||
            !Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day) ||
            year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (text.Length == 10)
        {
            utc = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
            return true;
        }

        if (!Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second) ||
            hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
