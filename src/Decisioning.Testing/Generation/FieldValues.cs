using Decisioning.Model;
using FsCheck;
using FsCheck.Fluent;

namespace Decisioning.Testing.Generation;

/// <summary>
/// Generators of one field's values: numbers around the constants its expressions compare it
/// with (499999, 500000 and 500001 for <c>aum &gt;= 500000</c>), the string literals it is compared
/// with, strings as long as a script's room, and now and then a value related to an earlier field
/// (<c>aum &lt; aumPeak12m * 0.5</c>). Between two versions, half the values are the edges of the
/// expressions that changed. Every value is of the field's declared kind; an optional field is
/// sometimes null.
/// </summary>
internal static class FieldValues
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz王李张刘陈杨黄赵";

    /// <summary>
    /// The generator of a field's values given the fields drawn before it. Everything that does not
    /// depend on them is built once, here: generation runs for every customer.
    /// </summary>
    public static Func<IReadOnlyList<KeyValuePair<string, object?>>, Gen<object?>> For(FieldSpec field, MapSchema schema)
    {
        var value = field.Kind switch
        {
            FieldKind.Int or FieldKind.Decimal => Number(field),
            FieldKind.Bool => Bool(field.Polarity),
            FieldKind.String => Text(field, schema),
            _ => Gen.Choose(0, 3650).Select(days => (object?)schema.At.Date.AddDays(-days)),
        };
        var plain = Optional(field, value);
        if (field.Kind is not (FieldKind.Int or FieldKind.Decimal) ||
            !schema.Relations.Any(r => r.Left == field.Name || r.Right == field.Name))
        {
            return _ => plain;
        }

        return earlier => Related(field, schema, earlier) is { Count: > 0 } related
            ? Optional(field, Gen.Frequency((5, value), (2, Pick.From(related).Select(v => Typed(field, v)))))
            : plain;
    }

    // A bool the map reads as `x` is true two times in three (as `!x`, false), so that the
    // conditions it guards pass more often than not and still fail a third of the time.
    private static Gen<object?> Bool(int polarity) => Gen.Frequency(
        (polarity >= 0 ? 2 : 1, Gen.Constant<object?>(true)),
        (polarity <= 0 ? 2 : 1, Gen.Constant<object?>(false)));

    private static Gen<object?> Optional(FieldSpec field, Gen<object?> value) =>
        field.Optional ? Gen.Frequency((1, Gen.Constant<object?>(null)), (5, value)) : value;

    private static object? Typed(FieldSpec field, decimal v) =>
        field.Kind == FieldKind.Int ? (int)Math.Clamp(Math.Round(v), int.MinValue, int.MaxValue) : (object?)v;

    /// <summary>The constants themselves and one either side; for an int field, the whole numbers either side.</summary>
    public static IReadOnlyList<decimal> Edges(IReadOnlyList<decimal> constants, bool whole)
    {
        var edges = new SortedSet<decimal>();
        foreach (var c in constants)
        {
            decimal?[] around = whole
                ? [Bounded.Plus(Math.Floor(c), -1), Math.Floor(c), Math.Ceiling(c), Bounded.Plus(Math.Ceiling(c), 1)]
                : c != Math.Truncate(c)
                    ? [Bounded.Plus(c, -1), Bounded.Plus(c, -0.01m), c, Bounded.Plus(c, 0.01m), Bounded.Plus(c, 1)]
                    : [Bounded.Plus(c, -1), c, Bounded.Plus(c, 1)];
            edges.UnionWith(around.OfType<decimal>());
        }

        return [.. edges.Where(e => !whole || e is >= int.MinValue and <= int.MaxValue)];
    }

    private static Gen<object?> Number(FieldSpec field)
    {
        var whole = field.Kind == FieldKind.Int;
        var edges = Edges(field.Numbers, whole);
        var negative = field.Numbers.Any(c => c < 0);
        // Anywhere up to twice a constant, the constant picked first: values spread over every range
        // between the constants instead of piling up above the largest one.
        var scales = field.Numbers.Select(c => Math.Min(Math.Max(10m, Bounded.Times(2, Math.Abs(c)) ?? decimal.MaxValue), int.MaxValue / 2)).Append(100m).Distinct().ToArray();
        var random = Pick.From(scales).SelectMany(scale => Gen.Choose(0, 1_000_000)
            .Select(k => (negative ? -scale : 0) + ((negative ? 2 * scale : scale) * k / 1_000_000)));
        var choices = new List<(int, Gen<decimal>)>
        {
            (2, random.Select(v => Math.Round(v))),
            (1, Gen.Choose(0, 10).Select(n => (decimal)n)),
        };
        if (!whole)
        {
            choices.Add((1, random.Select(v => Math.Round(v, 2))));
        }

        if (edges.Count > 0)
        {
            choices.Add((4, Pick.From(edges)));
        }

        return Shifted(Gen.Frequency(choices), Edges(field.ShiftedNumbers, whole)).Select(v => Typed(field, v));
    }

    // Values at the edge of a comparison with a field generated before this one.
    private static IReadOnlyList<decimal> Related(FieldSpec field, MapSchema schema, IReadOnlyList<KeyValuePair<string, object?>> earlier)
    {
        var related = new List<decimal>();
        foreach (var r in schema.Relations)
        {
            (string? other, decimal? factor) = r.Left == field.Name ? (r.Right, r.Factor) : r.Right == field.Name ? (r.Left, Bounded.Over(1, r.Factor)) : (null, null);
            var value = earlier.FirstOrDefault(f => f.Key == other).Value;
            if (other is not null && factor is { } by && value is int or decimal && Bounded.Times(Convert.ToDecimal(value), by) is { } center)
            {
                related.AddRange(Edges([center], field.Kind == FieldKind.Int));
            }
        }

        return related;
    }

    private static Gen<object?> Text(FieldSpec field, MapSchema schema)
    {
        var lengths = new List<(int, Gen<int>)> { (4, Gen.Choose(0, 6)) };
        if (schema.EdgeLengths.Count > 0)
        {
            lengths.Add((1, Pick.From(schema.EdgeLengths)));
        }

        var random = Gen.Frequency(lengths).SelectMany(n => Gen.ArrayOf(Gen.Elements(Letters.ToCharArray()), n))
            .Select(chars => (object?)new string(chars));
        var text = field.Strings.Count == 0
            ? random
            : Gen.Frequency((3, Pick.From(field.Strings).Select(s => (object?)s)), (2, random));
        return Shifted(text, [.. field.ShiftedStrings.Select(s => (object?)s)]);
    }

    // Half the time one of the values that separate two versions (the edges of their changed
    // expressions): a one-unit shift shows on one value only, too rare among the map's constants.
    private static Gen<T> Shifted<T>(Gen<T> values, IReadOnlyList<T> shifted) =>
        shifted.Count == 0 ? values : Gen.Frequency((1, values), (1, Pick.From(shifted)));
}
