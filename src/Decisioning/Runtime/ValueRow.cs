namespace Decisioning.Runtime;

/// <summary>
/// The typed values of one snapshot (or one event payload), in slots fixed at load by a
/// <see cref="RowLayout"/>. One array per CLR type keeps every read unboxed and by index.
/// </summary>
internal sealed class ValueRow
{
    public ValueRow(RowLayout layout)
    {
        Layout = layout;
        Int = Make<int>(layout.Count(Storage.Int));
        NInt = Make<int?>(layout.Count(Storage.NInt));
        Dec = Make<decimal>(layout.Count(Storage.Dec));
        NDec = Make<decimal?>(layout.Count(Storage.NDec));
        Bool = Make<bool>(layout.Count(Storage.Bool));
        NBool = Make<bool?>(layout.Count(Storage.NBool));
        Str = Make<string?>(layout.Count(Storage.Str));
        Date = Make<DateTime>(layout.Count(Storage.Date));
        NDate = Make<DateTime?>(layout.Count(Storage.NDate));
        Real = new double?[layout.Fields.Count];
    }

    public RowLayout Layout { get; }

    // A row is made per snapshot (and per event payload); most layouts leave some kinds unused.
    private static T[] Make<T>(int count) => count == 0 ? [] : new T[count];

    public readonly int[] Int;
    public readonly int?[] NInt;
    public readonly decimal[] Dec;
    public readonly decimal?[] NDec;
    public readonly bool[] Bool;
    public readonly bool?[] NBool;
    public readonly string?[] Str;
    public readonly DateTime[] Date;
    public readonly DateTime?[] NDate;

    /// <summary>
    /// Each field's value as the double a propensity model multiplies, by field index: the JSON
    /// number read as a double directly (not through decimal, which can be an ulp off), a bool as
    /// 1 or 0, null for null.
    /// </summary>
    public readonly double?[] Real;

    /// <summary>A field's value as a plain object, for traces and templates (not on the hot path).</summary>
    public object? Get(int fieldIndex)
    {
        var f = Layout.Fields[fieldIndex];
        return f.Storage switch
        {
            Storage.Int => Int[f.Slot],
            Storage.NInt => NInt[f.Slot],
            Storage.Dec => Dec[f.Slot],
            Storage.NDec => NDec[f.Slot],
            Storage.Bool => Bool[f.Slot],
            Storage.NBool => NBool[f.Slot],
            Storage.Str => Str[f.Slot],
            Storage.Date => Date[f.Slot],
            _ => NDate[f.Slot],
        };
    }
}
