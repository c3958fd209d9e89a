using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Decisioning.History;
using FsCheck.Xunit;
using Xunit;

namespace Decisioning.Tests.History;

/// <summary>
/// A record's key and its stored time are written digit by digit for speed; they must stay
/// exactly what the first schema stored (the fields joined into a string, then hashed; times
/// through a format pattern), or a file imported again after an upgrade would be stored twice.
/// </summary>
public sealed class HistoryKeysTests
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private static readonly string?[] Texts = [null, "", "sms", "retiree-pension", "王女士", "a\u0001b", new string('x', 300)];

    [Property(MaxTest = 300)]
    public void Keys_AreTheFieldsJoinedAndHashed_AsSchemaVersion1MadeThem(int seed)
    {
        var random = new Random(seed);
        string? Text() => Texts[random.Next(Texts.Length)];
        string Id() => Text() ?? "C1";
        var at = new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
        var time = at.ToString(Pattern, CultureInfo.InvariantCulture);
        var number = random.Next(int.MinValue, int.MaxValue);
        var value = random.Next(3) switch { 0 => 0, 1 => random.NextDouble() * 1e6, _ => -random.Next(1000) / 7.0 };

        var decision = new StoredDecision(Id(), at, Id(), Id(), Text(), "{}", null, Id());
        Assert.Equal(Old("d", decision.Role, decision.CustomerId, time, decision.Map, decision.Version, decision.MapHash), HistoryKeys.Of(decision));
        var offer = new OfferEntry(Id(), at, Id(), Id(), Text(), number, Id(), Id(), Id(), 1, value, value, Text(), Id());
        Assert.Equal(Old("o", offer.Role, offer.CustomerId, time, offer.Map, offer.Version, offer.MapHash, Number(number), offer.Strategy),
            HistoryKeys.Of(offer));
        var contact = new ContactEntry(Id(), at, Text(), Text(), Text(), number, Text());
        Assert.Equal(Old("c", contact.CustomerId, time, contact.Channel, contact.Strategy, contact.Product, Number(number), contact.Outcome),
            HistoryKeys.Of(contact));
        var response = new ResponseEntry(Id(), at, Text(), Text(), Id(), value);
        Assert.Equal(Old("r", response.CustomerId, time, response.Strategy, response.Product, response.Kind, value.ToString("R", CultureInfo.InvariantCulture)),
            HistoryKeys.Of(response));
    }

    [Property(MaxTest = 300)]
    public void StoredTimes_AreThePatternsText_AndReadBackExactly(long ticks)
    {
        var at = new DateTime(Math.Abs(ticks % DateTime.MaxValue.Ticks), DateTimeKind.Utc);
        var text = HistoryTime.Format(at);

        Assert.Equal(at.ToString(Pattern, CultureInfo.InvariantCulture), text);
        Assert.Equal(at, HistoryTime.Parse(text));
        Assert.Equal(DateTimeKind.Utc, HistoryTime.Parse(text).Kind);
        Assert.Equal(at, HistoryTime.Parse(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void StoredTimes_NotOfTheFixedWidth_AreStillRead_OrRefused()
    {
        Assert.Equal(new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc), HistoryTime.Parse("2026-11-20T08:00:00.0000000Z"u8));
        Assert.Throws<FormatException>(() => HistoryTime.Parse("2026-02-30T08:00:00.0000000Z"));
        Assert.Throws<FormatException>(() => HistoryTime.Parse("2026-11-20T08:00:00Z"u8));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Old(params string?[] parts)
    {
        var text = string.Join('\u001f', parts.Select(p => p ?? "\u0001"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16]);
    }
}
