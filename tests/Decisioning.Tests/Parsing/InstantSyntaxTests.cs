using System.Globalization;
using Decisioning.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Decisioning.Tests.Parsing;

/// <summary>
/// Dates and date-times in the forms snapshots are written in are read digit by digit; every text
/// must still mean what the general parsers make of it.
/// </summary>
public class InstantSyntaxTests
{
    // The general parsers alone: what the reading meant before the digit-by-digit forms.
    private static bool General(string text, out DateTime utc)
    {
        utc = default;
        if (text.Length == 10 &&
            DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            utc = date;
            return true;
        }

        if (text.Length < 16 || text[10] is not ('T' or 't' or ' ') ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return false;
        }

        utc = instant.UtcDateTime;
        return true;
    }

    private static Arbitrary<string> CanonicalShaped()
    {
        // Digits at the edges of every range (and past them), in both canonical shapes and near misses.
        var year = Gen.Elements("0000", "0001", "1900", "2000", "2024", "2026", "2100", "9999", "20a6");
        var two = Gen.Elements("00", "01", "02", "09", "10", "12", "13", "23", "24", "28", "29", "30", "31", "32", "59", "60", "99", "1x");
        var tail = Gen.Elements("", "T{0}:{1}:{2}Z", "T{0}:{1}:{2}z", "T{0}:{1}:{2}+08:00", "t{0}:{1}:{2}Z", " {0}:{1}:{2}Z", "T{0}:{1}Z", "T{0}:{1}:{2}.5Z", "T{0}:{1}:{2}");
        var text =
            from y in year
            from m in two
            from d in two
            from h in two
            from mi in two
            from se in two
            from t in tail
            select $"{y}-{m}-{d}" + string.Format(CultureInfo.InvariantCulture, t, h, mi, se);
        return text.ToArbitrary();
    }

    [Property(MaxTest = 3000)]
    public Property TryParseInstant_AnyDateLikeText_MeansWhatTheGeneralParsersMean() =>
        Prop.ForAll(CanonicalShaped(), text =>
        {
            var fast = Syntax.TryParseInstant(text, out var a);
            var general = General(text, out var b);
            return fast == general && a == b && a.Kind == b.Kind;
        });

    [Theory]
    [InlineData("2026-11-24T09:30:00Z", 2026, 11, 24, 9, 30, 0)]
    [InlineData("2024-02-29", 2024, 2, 29, 0, 0, 0)]
    [InlineData("2026-11-24T09:30:00+08:00", 2026, 11, 24, 1, 30, 0)]
    public void TryParseInstant_CanonicalAndOffsetForms_AreUtc(string text, int y, int m, int d, int h, int mi, int s)
    {
        Assert.True(Syntax.TryParseInstant(text, out var utc));
        Assert.Equal(new DateTime(y, m, d, h, mi, s, DateTimeKind.Utc), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Theory]
    [InlineData("2025-02-29")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-11-24T24:00:00Z")]
    [InlineData("0000-01-01")]
    public void TryParseInstant_DaysAndTimesThatDoNotExist_AreRefused(string text)
    {
        Assert.False(Syntax.TryParseInstant(text, out _));
    }
}
