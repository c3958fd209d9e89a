using Decisioning.Model;
using System.Text.Json;
using Decisioning.Runtime;
using static Decisioning.Snapshots.SnapshotErrorCodes;

namespace Decisioning.Snapshots;

/// <summary>Reads one declared field's JSON value into its slot, enforcing its type.</summary>
internal static class FieldReader
{
    public static void Read(ref Utf8JsonReader reader, FieldSlot slot, ValueRow row, Where what)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            if (!slot.Type.Optional)
            {
                throw new SnapshotFormatException(NullField, $"required field {what} ({slot.Type}) is null");
            }

            return; // Slots of optional fields start as null.
        }

        switch (slot.Storage)
        {
            case Storage.Int or Storage.NInt:
                var i = ReadInt(ref reader, slot, what);
                if (slot.Storage == Storage.Int)
                {
                    row.Int[slot.Slot] = i;
                }
                else
                {
                    row.NInt[slot.Slot] = i;
                }

                row.Real[slot.Index] = i;
                break;
            case Storage.Dec or Storage.NDec:
                Expect(ref reader, JsonTokenType.Number, slot, what);
                if (!reader.TryGetDecimal(out var d))
                {
                    throw new SnapshotFormatException(OutOfRange, $"{what} is out of the range of a decimal");
                }

                if (slot.Storage == Storage.Dec)
                {
                    row.Dec[slot.Slot] = d;
                }
                else
                {
                    row.NDec[slot.Slot] = d;
                }

                row.Real[slot.Index] = reader.GetDouble();
                break;
            case Storage.Bool or Storage.NBool:
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    throw WrongType(ref reader, slot, what);
                }

                var b = reader.TokenType == JsonTokenType.True;
                if (slot.Storage == Storage.Bool)
                {
                    row.Bool[slot.Slot] = b;
                }
                else
                {
                    row.NBool[slot.Slot] = b;
                }

                row.Real[slot.Index] = b ? 1.0 : 0.0;
                break;
            case Storage.Str:
                Expect(ref reader, JsonTokenType.String, slot, what);
                row.Str[slot.Slot] = reader.GetString();
                break;
            default:
                Expect(ref reader, JsonTokenType.String, slot, what);
                Span<char> scratch = stackalloc char[SnapshotText.ScratchLength];
                var text = SnapshotText.Chars(in reader, scratch);
                if (!Syntax.TryParseInstant(text, out var date))
                {
                    throw new SnapshotFormatException(BadDate, $"{what} '{text}' is not an ISO-8601 date or date-time");
                }

                if (slot.Storage == Storage.Date)
                {
                    row.Date[slot.Slot] = date;
                }
                else
                {
                    row.NDate[slot.Slot] = date;
                }

                break;
        }
    }

    private static int ReadInt(ref Utf8JsonReader reader, FieldSlot slot, Where what)
    {
        Expect(ref reader, JsonTokenType.Number, slot, what);
        if (reader.TryGetInt32(out var value))
        {
            return value;
        }

        var raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
        var whole = raw.AsSpan().IndexOfAny(".eE"u8) < 0;
        throw whole
            ? new SnapshotFormatException(OutOfRange, $"{what} is out of the range of an int (-2147483648..2147483647)")
            : new SnapshotFormatException(SnapshotErrorCodes.WrongType, $"{what} must be a whole number (int), not {System.Text.Encoding.UTF8.GetString(raw)}");
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, FieldSlot slot, Where what)
    {
        if (reader.TokenType != token)
        {
            throw WrongType(ref reader, slot, what);
        }
    }

    private static SnapshotFormatException WrongType(ref Utf8JsonReader reader, FieldSlot slot, Where what) =>
        new(SnapshotErrorCodes.WrongType, $"{what} must be {Expected(slot)}, not {SnapshotReader.Describe(reader.TokenType)}");

    private static string Expected(FieldSlot slot) => slot.Type.Kind switch
    {
        Model.FieldKind.Int => "a whole number (int)",
        Model.FieldKind.Decimal => "a number (decimal)",
        Model.FieldKind.Bool => "true or false",
        Model.FieldKind.Date => "an ISO-8601 date string",
        _ => "a string",
    };
}
