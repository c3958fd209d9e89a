using Decisioning.Runtime;
using System.Buffers;
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
    public static string Of(StoredDecision d)
    {
        var key = new KeyText(stackalloc char[256], 'd');
        key.Add(d.Role);
        key.Add(d.CustomerId);
        key.Add(d.At);
        key.Add(d.Map);
        key.Add(d.Version);
        key.Add(d.MapHash);
        return key.Hash();
    }

    public static string Of(OfferEntry o)
    {
        var key = new KeyText(stackalloc char[256], 'o');
        key.Add(o.Role);
        key.Add(o.CustomerId);
        key.Add(o.At);
        key.Add(o.Map);
        key.Add(o.Version);
        key.Add(o.MapHash);
        key.Add(o.Rank);
        key.Add(o.Strategy);
        return key.Hash();
    }

    public static string Of(ContactEntry c)
    {
        var key = new KeyText(stackalloc char[256], 'c');
        key.Add(c.CustomerId);
        key.Add(c.At);
        key.Add(c.Channel);
        key.Add(c.Strategy);
        key.Add(c.Product);
        key.Add(c.Wave);
        key.Add(c.Outcome);
        return key.Hash();
    }

    public static string Of(ResponseEntry r)
    {
        var key = new KeyText(stackalloc char[256], 'r');
        key.Add(r.CustomerId);
        key.Add(r.At);
        key.Add(r.Strategy);
        key.Add(r.Product);
        key.Add(r.Kind);
        key.Add(r.Value.ToString("R", CultureInfo.InvariantCulture));
        return key.Hash();
    }

    // The fields joined with \u001f after the kind letter, then hashed: a null field is a lone
    // \u0001, so that null and empty differ. Written into one buffer (on the stack unless a field
    // is long) instead of joined into a string: a key is computed for every record written.
    private ref struct KeyText(Span<char> initial, char kind)
    {
        private Span<char> _text = initial;
        private char[]? _rented;
        private int _length = Start(initial, kind);

        public void Add(string? field)
        {
            var value = field ?? "\u0001";
            Room(value.Length + 1);
            _text[_length++] = '\u001f';
            value.CopyTo(_text[_length..]);
            _length += value.Length;
        }

        public void Add(DateTime at)
        {
            Room(HistoryTime.Length + 1);
            _text[_length++] = '\u001f';
            HistoryTime.Format(at, _text[_length..]);
            _length += HistoryTime.Length;
        }

        public void Add(int number)
        {
            Room(12);
            _text[_length++] = '\u001f';
            number.TryFormat(_text[_length..], out var digits, default, CultureInfo.InvariantCulture);
            _length += digits;
        }

        public string Hash()
        {
            var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(_length));
            var count = Encoding.UTF8.GetBytes(_text[.._length], bytes);
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(bytes.AsSpan(0, count), digest);
            ArrayPool<byte>.Shared.Return(bytes);
            if (_rented is not null)
            {
                ArrayPool<char>.Shared.Return(_rented);
            }

            return Convert.ToHexStringLower(digest[..16]);
        }

        private static int Start(Span<char> text, char kind)
        {
            text[0] = kind;
            return 1;
        }

        private void Room(int more)
        {
            if (_length + more <= _text.Length)
            {
                return;
            }

            var larger = ArrayPool<char>.Shared.Rent(Math.Max(_text.Length * 2, _length + more));
            _text[.._length].CopyTo(larger);
            if (_rented is not null)
            {
                ArrayPool<char>.Shared.Return(_rented);
            }

            _rented = larger;
            _text = larger;
        }
    }
}

/// <summary>
/// Times as the stores keep them: UTC ISO-8601 text of fixed width with seven fractional digits
/// (<c>2026-11-26T08:00:00.0000000Z</c>), so that text order is time order in every database and
/// the value reads as a time in any SQL client.
/// </summary>
internal static class HistoryTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The length of every stored time.</summary>
    public const int Length = 28;

    /// <summary>The stored text of <paramref name="at"/> (taken as UTC).</summary>
    public static string Format(DateTime at) => string.Create(Length, at, static (text, value) => Format(value, text));

    /// <summary>
    /// Writes the stored text of <paramref name="at"/> into <paramref name="text"/> (at least
    /// <see cref="Length"/> characters): the same text as <see cref="Format(DateTime)"/>, digit by
    /// digit, because every record a decision writes or reads has one.
    /// </summary>
    public static void Format(DateTime at, Span<char> text)
    {
        var utc = Instant.Utc(at);
        var date = utc.Date;
        Digits(text[..4], utc.Year);
        text[4] = '-';
        Digits(text.Slice(5, 2), utc.Month);
        text[7] = '-';
        Digits(text.Slice(8, 2), utc.Day);
        text[10] = 'T';
        Digits(text.Slice(11, 2), utc.Hour);
        text[13] = ':';
        Digits(text.Slice(14, 2), utc.Minute);
        text[16] = ':';
        Digits(text.Slice(17, 2), utc.Second);
        text[19] = '.';
        Digits(text.Slice(20, 7), (int)((utc.Ticks - date.Ticks) % TimeSpan.TicksPerSecond));
        text[27] = 'Z';
    }

    /// <summary>Reads a stored time back.</summary>
    public static DateTime Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseFixed(text.AsSpan(), out var at) ? at
            : DateTime.ParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    /// <summary>Reads a stored time back from its UTF-8 bytes (as a database hands a text column over).</summary>
    public static DateTime Parse(ReadOnlySpan<byte> utf8)
    {
        Span<char> text = stackalloc char[Length];
        if (utf8.Length == Length)
        {
            for (var i = 0; i < Length; i++)
            {
                text[i] = (char)utf8[i];
            }

            if (TryParseFixed(text, out var at))
            {
                return at;
            }
        }

        return Parse(Encoding.UTF8.GetString(utf8));
    }

    private static void Digits(Span<char> text, int value)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            text[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }

    // The fixed-width form, digit by digit; anything else goes to the general parser.
    private static bool TryParseFixed(ReadOnlySpan<char> text, out DateTime at)
    {
        at = default;
        if (text.Length != Length || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != '.' || text[27] != 'Z'
            || !Number(text[..4], out var year) || !Number(text.Slice(5, 2), out var month) || !Number(text.Slice(8, 2), out var day)
            || !Number(text.Slice(11, 2), out var hour) || !Number(text.Slice(14, 2), out var minute) || !Number(text.Slice(17, 2), out var second)
            || !Number(text.Slice(20, 7), out var ticks)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

#pragma warning disable RS0030 // The kind is given: the text is UTC by construction.
        at = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
#pragma warning restore RS0030
        return true;
    }

    private static bool Number(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }
}
