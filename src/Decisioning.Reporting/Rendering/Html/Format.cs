using System.Globalization;

namespace Decisioning.Reporting.Rendering.Html;

/// <summary>Numbers as a marketing manager reads them; "n/a" where the report holds null.</summary>
internal static class Format
{
    public const string NotAvailable = "n/a";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>0.0612 as "6.12%".</summary>
    public static string Percent(double? rate, int decimals = 2) =>
        rate is { } r ? (r * 100).ToString("F" + decimals, Invariant) + "%" : NotAvailable;

    /// <summary>A difference of rates in percentage points: 0.0205 as "+2.05 pp".</summary>
    public static string Points(double? difference) =>
        difference is { } d ? Signed(d * 100, 2) + " pp" : NotAvailable;

    /// <summary>A relative change: 0.523 as "+52.3%".</summary>
    public static string Relative(double? change) =>
        change is { } c ? Signed(c * 100, 1) + "%" : NotAvailable;

    public static string PValue(double? p) => p switch
    {
        null => "p " + NotAvailable,
        < 0.001 => "p < 0.001",
        { } v => "p = " + v.ToString(v < 0.01 ? "F4" : "F3", Invariant),
    };

    public static string Number(double? value, int decimals = 2) =>
        value is { } v ? v.ToString("N" + decimals, Invariant) : NotAvailable;

    public static string SignedNumber(double? value, int decimals = 0) =>
        value is { } v ? Signed(v, decimals) : NotAvailable;

    public static string Count(long value) => value.ToString("N0", Invariant);

    public static string Date(DateTimeOffset? at) =>
        at is { } a ? a.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant) : NotAvailable;

    private static string Signed(double value, int decimals)
    {
        var text = Math.Abs(value).ToString("N" + decimals, Invariant);
        var zero = Math.Round(value, decimals) == 0;
        return (zero ? "±" : value > 0 ? "+" : "−") + text;
    }
}
