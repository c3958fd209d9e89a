using Decisioning.Model;

namespace Decisioning.Runtime;

/// <summary>Which array of a <see cref="ValueRow"/> holds a field.</summary>
internal enum Storage
{
    Int,
    NInt,
    Dec,
    NDec,
    Bool,
    NBool,
    Str,
    Date,
    NDate,
}

/// <summary>A declared field and where its value lives.</summary>
internal sealed record FieldSlot(string Name, FieldType Type, Storage Storage, int Slot, int Index)
{
    /// <summary>The CLR type an expression sees for this field.</summary>
    public Type ClrType => Storage switch
    {
        Storage.Int => typeof(int),
        Storage.NInt => typeof(int?),
        Storage.Dec => typeof(decimal),
        Storage.NDec => typeof(decimal?),
        Storage.Bool => typeof(bool),
        Storage.NBool => typeof(bool?),
        Storage.Str => typeof(string),
        Storage.Date => typeof(DateTime),
        _ => typeof(DateTime?),
    };

    public string ArrayName => Storage.ToString();
}

/// <summary>The fixed slots of a set of declared fields (the customer's, or one event type's).</summary>
internal sealed class RowLayout
{
    private readonly int[] _counts = new int[Enum.GetValues<Storage>().Length];
    private readonly Dictionary<string, FieldSlot> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FieldSlot>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    public RowLayout(IEnumerable<(string Name, FieldType Type)> fields)
    {
        var list = new List<FieldSlot>();
        foreach (var (name, type) in fields)
        {
            if (_byName.ContainsKey(name))
            {
                continue;
            }

            var storage = StorageOf(type);
            var slot = new FieldSlot(name, type, storage, _counts[(int)storage]++, list.Count);
            list.Add(slot);
            _byName[name] = slot;
        }

        Fields = list;
        _byChars = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<FieldSlot> Fields { get; }

    public int Count(Storage storage) => _counts[(int)storage];

    public FieldSlot? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The field named <paramref name="name"/>, looked up without making a string of it (a snapshot's keys).</summary>
    public FieldSlot? Find(ReadOnlySpan<char> name) => _byChars.TryGetValue(name, out var slot) ? slot : null;

    private static Storage StorageOf(FieldType type) => (type.Kind, type.Optional) switch
    {
        (FieldKind.Int, false) => Storage.Int,
        (FieldKind.Int, true) => Storage.NInt,
        (FieldKind.Decimal, false) => Storage.Dec,
        (FieldKind.Decimal, true) => Storage.NDec,
        (FieldKind.Bool, false) => Storage.Bool,
        (FieldKind.Bool, true) => Storage.NBool,
        (FieldKind.String, _) => Storage.Str,
        (FieldKind.Date, false) => Storage.Date,
        _ => Storage.NDate,
    };
}
