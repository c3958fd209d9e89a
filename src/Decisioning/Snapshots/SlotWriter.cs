using System.Globalization;
using System.Text.Json;
using Decisioning.Model;
using Decisioning.Runtime;
using static Decisioning.Snapshots.SnapshotErrorCodes;

namespace Decisioning.Snapshots;

/// <summary>
/// Puts one CLR value (or <see cref="JsonElement"/>) into a field's slot, with the same checks and
/// error codes as the JSON reader: a value of the wrong kind is <c>wrong-type</c>, never coerced.
/// </summary>
internal static class SlotWriter
{
    public static void Write(FieldSlot slot, ValueRow row, object? value, string what)
    {
        if (value is JsonElement element)
        {
            value = Unwrap(element, slot, what);
        }

        if (value is null or DBNull)
        {
            if (!slot.Type.Optional)
            {
                throw new SnapshotFormatException(NullField, $"required field {what} ({slot.Type}) is null");
            }

            return; // Slots of optional fields start as null.
        }

        switch (slot.Type.Kind)
        {
            case FieldKind.Int:
                SetInt(slot, row, ToInt(value, slot, what));
                break;
            case FieldKind.Decimal:
                var (number, real) = ToDecimal(value, slot, what);
                SetDecimal(slot, row, number, real);
                break;
            case FieldKind.Bool:
                SetBool(slot, row, value is bool b ? b : throw WrongType(value, slot, what));
                break;
            case FieldKind.String:
                row.Str[slot.Slot] = value switch
                {
                    string s => s,
                    Enum e => e.ToString(),
                    _ => throw WrongType(value, slot, what),
                };
                break;
            default:
                SetDate(slot, row, ToInstant(value, slot, what));
                break;
        }
    }

    /// <summary>An instant as the snapshot means it: UTC; a time without a zone is taken as UTC, as in JSON.</summary>
    public static DateTime ToInstant(object value, FieldSlot? slot, string what) => value switch
    {
        DateTimeOffset o => o.UtcDateTime,
        DateTime d => Instant.Utc(d),
        DateOnly d => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        string s when Syntax.TryParseInstant(s, out var parsed) => parsed,
        string s => throw new SnapshotFormatException(BadDate, $"{what} '{s}' is not an ISO-8601 date or date-time"),
        _ => throw new SnapshotFormatException(slot is null ? BadEvents : SnapshotErrorCodes.WrongType,
            $"{what} must be a date, not {Describe(value)}"),
    };

    private static int ToInt(object value, FieldSlot slot, string what)
    {
        long whole = value switch
        {
            int i => i,
            long l => l,
            short s => s,
            byte b => b,
            sbyte sb => sb,
            ushort us => us,
            uint ui => ui,
            ulong ul => ul > long.MaxValue ? long.MaxValue : (long)ul,
            _ => throw WrongType(value, slot, what),
        };
        return whole is >= int.MinValue and <= int.MaxValue
            ? (int)whole
            : throw new SnapshotFormatException(OutOfRange, $"{what} is out of the range of an int (-2147483648..2147483647)");
    }

    private static (decimal Number, double Real) ToDecimal(object value, FieldSlot slot, string what)
    {
        switch (value)
        {
            case decimal d:
                return (d, (double)d);
            case double or float:
                // The double is what a propensity model multiplies, as when JSON is read.
                var real = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                // (double)decimal.MaxValue rounds up to 2^96, which is itself too large for a decimal:
                // the limit is excluded (every double below it converts).
                if (!double.IsFinite(real) || Math.Abs(real) >= (double)decimal.MaxValue)
                {
                    throw new SnapshotFormatException(OutOfRange, $"{what} is out of the range of a decimal");
                }

                return ((decimal)real, real);
            case int or long or short or byte or sbyte or ushort or uint or ulong:
                var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                return (number, (double)number);
            default:
                throw WrongType(value, slot, what);
        }
    }

    private static object? Unwrap(JsonElement element, FieldSlot slot, string what) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when slot.Type.Kind == FieldKind.Int => element.TryGetInt32(out var i) ? i
            : element.TryGetInt64(out _) || element.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0
                ? throw new SnapshotFormatException(OutOfRange, $"{what} is out of the range of an int (-2147483648..2147483647)")
                : throw new SnapshotFormatException(SnapshotErrorCodes.WrongType, $"{what} must be a whole number (int), not {element.GetRawText()}"),
        JsonValueKind.Number => element.TryGetDecimal(out var d) ? d
            : throw new SnapshotFormatException(OutOfRange, $"{what} is out of the range of a decimal"),
        _ => throw WrongKind(element.ValueKind == JsonValueKind.Array ? "a list" : "an object", slot, what),
    };

    private static void SetInt(FieldSlot slot, ValueRow row, int value)
    {
        if (slot.Storage == Storage.Int)
        {
            row.Int[slot.Slot] = value;
        }
        else
        {
            row.NInt[slot.Slot] = value;
        }

        row.Real[slot.Index] = value;
    }

    private static void SetDecimal(FieldSlot slot, ValueRow row, decimal value, double real)
    {
        if (slot.Storage == Storage.Dec)
        {
            row.Dec[slot.Slot] = value;
        }
        else
        {
            row.NDec[slot.Slot] = value;
        }

        row.Real[slot.Index] = real;
    }

    private static void SetBool(FieldSlot slot, ValueRow row, bool value)
    {
        if (slot.Storage == Storage.Bool)
        {
            row.Bool[slot.Slot] = value;
        }
        else
        {
            row.NBool[slot.Slot] = value;
        }

        row.Real[slot.Index] = value ? 1.0 : 0.0;
    }

    private static void SetDate(FieldSlot slot, ValueRow row, DateTime value)
    {
        if (slot.Storage == Storage.Date)
        {
            row.Date[slot.Slot] = value;
        }
        else
        {
            row.NDate[slot.Slot] = value;
        }
    }

    private static SnapshotFormatException WrongType(object value, FieldSlot slot, string what) =>
        WrongKind(Describe(value), slot, what);

    private static SnapshotFormatException WrongKind(string described, FieldSlot slot, string what) =>
        new(SnapshotErrorCodes.WrongType, $"{what} must be {Expected(slot.Type.Kind)}, not {described}");

    private static string Expected(FieldKind kind) => kind switch
    {
        FieldKind.Int => "a whole number (int)",
        FieldKind.Decimal => "a number (decimal)",
        FieldKind.Bool => "true or false",
        FieldKind.Date => "a date (DateTime, DateTimeOffset, DateOnly or an ISO-8601 string)",
        _ => "a string",
    };

    internal static string Describe(object value) => value switch
    {
        string => "a string",
        bool => "a boolean",
        int or long or short or byte or sbyte or ushort or uint or ulong or decimal or double or float => $"a number ({value.GetType().Name})",
        DateTime or DateTimeOffset or DateOnly => "a date",
        System.Collections.IEnumerable => "a list",
        _ => $"a {value.GetType().Name}",
    };
}
