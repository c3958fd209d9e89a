using System.Globalization;

namespace Decisioning.Reporting.Input;

/// <summary>
/// How long after a decision its outcomes count: <c>&lt;n&gt;d</c>, <c>&lt;n&gt;h</c> or
/// <c>&lt;n&gt;m</c> (days, hours, minutes), as every duration of the strategy map format.
/// </summary>
public sealed record AttributionWindow
{
    private AttributionWindow(TimeSpan length, string text)
    {
        Length = length;
        Text = text;
    }

    /// <summary>The window of spec section 6 when none is given: 30 days.</summary>
    public static AttributionWindow Default { get; } = new(TimeSpan.FromDays(30), "30d");

    /// <summary>The window's length.</summary>
    public TimeSpan Length { get; }

    /// <summary>The window as written, for example <c>30d</c>.</summary>
    public string Text { get; }

    /// <summary>Parses <c>30d</c>, <c>12h</c> or <c>90m</c>; n is a positive integer.</summary>
    public static bool TryParse(string? text, out AttributionWindow window)
    {
        window = Default;
        if (string.IsNullOrEmpty(text) || text.Length < 2)
        {
            return false;
        }

        var digits = text.AsSpan(0, text.Length - 1);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return false;
        }

        double minutes = text[^1] switch
        {
            'd' => n * 1440d,
            'h' => n * 60d,
            'm' => n,
            _ => double.NaN,
        };
        if (double.IsNaN(minutes) || minutes > TimeSpan.MaxValue.TotalMinutes / 2)
        {
            return false;
        }

        window = new AttributionWindow(TimeSpan.FromMinutes(minutes), text);
        return true;
    }

    /// <summary>The window as written (<see cref="Text"/>).</summary>
    public override string ToString() => Text;
}
