using System.Runtime.CompilerServices;
using System.Text.Json;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Snapshots;

/// <summary>
/// Where a value sits in a snapshot (<c>'aum'</c>, <c>'at' of contact 2</c>, <c>'amount' of event 1
/// (large-deposit)</c>), for an error message: formatted only when a message is written, since a
/// line has dozens of values and almost never an error.
/// </summary>
internal readonly struct Where(string field, string? record = null, int number = 0, string? type = null)
{
    public override string ToString() =>
        record is null ? $"'{field}'"
        : type is null ? $"'{field}' of {record} {number}"
        : $"'{field}' of {record} {number} ({type})";
}

/// <summary>
/// A snapshot's keys and id-like values read without a string each: keys as characters in a
/// scratch span (looked up by <see cref="RowLayout.Find(ReadOnlySpan{char})"/>), and the ids a map
/// declares (products in holdings and contacts, channels, strategies, event types, response kinds)
/// as the map's own string instances. One table per plan, built on first use.
/// </summary>
internal sealed class SnapshotText
{
    /// <summary>Keys and ids up to this many characters are read into the stack.</summary>
    public const int ScratchLength = 128;

    private static readonly ConditionalWeakTable<DecisionPlan, SnapshotText> Tables = [];

    // What contact outcomes usually say (docs/evaluation.md's examples), and the response kinds.
    private static readonly string[] CommonWords =
        ["sent", "delivered", "opened", "clicked", "callback", "answered", "no-answer", "declined", "failed",
         ResponseRecord.Responded, ResponseRecord.Declined, ResponseRecord.Converted];

    /// <summary>The keys of a contact, by the index the contact reader gives them.</summary>
    public static readonly string[] ContactKeys = ["at", "channel", "strategy", "product", "outcome", "wave"];

    /// <summary>The keys of a response, by the index the response reader gives them.</summary>
    public static readonly string[] ResponseKeys = ["at", "strategy", "product", "kind", "value"];

    private static readonly Utf8Table<int> ContactTable = new(ContactKeys.Select((k, i) => (k, i)));
    private static readonly Utf8Table<int> ResponseTable = new(ResponseKeys.Select((k, i) => (k, i)));
    private static readonly Utf8Table<EventKey> UndeclaredEventTable = new([("at", new EventKey(0, null)), ("type", new EventKey(1, null))]);

    private readonly DecisionPlan _plan;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _known;
    private readonly Utf8Table<string> _knownUtf8;
    private readonly Utf8Table<CustomerKey> _customerKeys;
    private readonly Dictionary<RowLayout, Utf8Table<EventKey>> _eventKeys;

    private SnapshotText(DecisionPlan plan)
    {
        _plan = plan;
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in plan.Products.Select(p => p.Id).Concat(plan.Channels.Select(c => c.Id))
                     .Concat(plan.Strategies.Select(s => s.Id)).Concat(plan.Events.Keys).Concat(CommonWords))
        {
            known.TryAdd(id, id);
        }

        _known = known.GetAlternateLookup<ReadOnlySpan<char>>();
        _knownUtf8 = new Utf8Table<string>(known.Select(k => (k.Key, k.Value)));
        // Every key the reader uses, as the character path classifies it, so both paths agree.
        _customerKeys = new Utf8Table<CustomerKey>(plan.Customer.Fields.Select(f => f.Name)
            .Concat([plan.IdField, "holdings", "events", "contacts", "responses"])
            .Select(name => (name, Customer(name.AsSpan()))));
        _eventKeys = plan.Events.Values.Distinct().ToDictionary(
            layout => layout,
            layout => new Utf8Table<EventKey>(layout.Fields.Select(f => f.Name).Concat(["at", "type"])
                .Select(name => (name, Event(layout, name.AsSpan())))));
    }

    /// <summary>The table of <paramref name="plan"/>.</summary>
    public static SnapshotText Of(DecisionPlan plan) => Tables.GetValue(plan, static p => new SnapshotText(p));

    /// <summary>
    /// The current key or string as characters, unescaped: in <paramref name="scratch"/> when they
    /// fit, else a new string's. Throws <see cref="InvalidOperationException"/> for text that is
    /// not text, as <see cref="Utf8JsonReader.GetString"/> does.
    /// </summary>
    public static ReadOnlySpan<char> Chars(in Utf8JsonReader reader, Span<char> scratch)
    {
        // A UTF-8 byte is at most one UTF-16 character, and unescaping only shortens.
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        return length <= scratch.Length ? scratch[..reader.CopyString(scratch)] : reader.GetString();
    }

    /// <summary>The current string: the map's own instance when it is one of the map's ids, else a new string.</summary>
    public string Read(ref Utf8JsonReader reader)
    {
        if (Plain(in reader) && _knownUtf8.TryGet(reader.ValueSpan, out var known))
        {
            return known;
        }

        Span<char> scratch = stackalloc char[ScratchLength];
        var text = Chars(in reader, scratch);
        return _known.TryGetValue(text, out var id) ? id : text.ToString();
    }

    /// <summary>What the current key of a snapshot is to the reader: the id, a declared field, a list, or nothing.</summary>
    public CustomerKey CustomerKeyOf(in Utf8JsonReader reader, Span<char> scratch) =>
        Plain(in reader) && _customerKeys.TryGet(reader.ValueSpan, out var key) ? key : Customer(Chars(in reader, scratch));

    /// <summary>What the current key of an event of <paramref name="layout"/> (null: undeclared type) is to the reader.</summary>
    public EventKey EventKeyOf(RowLayout? layout, in Utf8JsonReader reader, Span<char> scratch) =>
        Plain(in reader) && (layout is null ? UndeclaredEventTable : _eventKeys[layout]).TryGet(reader.ValueSpan, out var key)
            ? key
            : Event(layout, Chars(in reader, scratch));

    /// <summary>The index of the current key in <see cref="ContactKeys"/>, or -1.</summary>
    public static int ContactKeyOf(in Utf8JsonReader reader, Span<char> scratch) => KeyIndex(in reader, scratch, ContactTable, ContactKeys);

    /// <summary>The index of the current key in <see cref="ResponseKeys"/>, or -1.</summary>
    public static int ResponseKeyOf(in Utf8JsonReader reader, Span<char> scratch) => KeyIndex(in reader, scratch, ResponseTable, ResponseKeys);

    // Keys and values written without escapes (nearly all) are matched on their UTF-8 bytes; the
    // rest go through characters, which also refuses bytes that are not text, as a string would.
    private static bool Plain(in Utf8JsonReader reader) => !reader.ValueIsEscaped && !reader.HasValueSequence;

    private static int KeyIndex(in Utf8JsonReader reader, Span<char> scratch, Utf8Table<int> table, string[] keys)
    {
        if (Plain(in reader) && table.TryGet(reader.ValueSpan, out var index))
        {
            return index;
        }

        var name = Chars(in reader, scratch);
        for (var i = 0; i < keys.Length; i++)
        {
            if (name.SequenceEqual(keys[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private CustomerKey Customer(ReadOnlySpan<char> name)
    {
        var list = name switch { "holdings" => 1, "events" => 2, "contacts" => 4, "responses" => 8, _ => 0 };
        return new CustomerKey(_plan.Customer.Find(name), name.SequenceEqual(_plan.IdField), list);
    }

    private static EventKey Event(RowLayout? layout, ReadOnlySpan<char> name) =>
        new(name switch { "at" => 0, "type" => 1, _ => -1 }, layout?.Find(name));
}

/// <summary>A snapshot key to the reader: <see cref="Slot"/> when it is a declared field (which wins), the id, or a list's flag (1 holdings, 2 events, 4 contacts, 8 responses).</summary>
internal readonly record struct CustomerKey(FieldSlot? Slot, bool IsId, int List);

/// <summary>An event key to the reader: 0 <c>at</c>, 1 <c>type</c>, -1 another; <see cref="Slot"/> when it is a declared payload field.</summary>
internal readonly record struct EventKey(int Key, FieldSlot? Slot);

/// <summary>
/// A fixed set of keys looked up by their UTF-8 bytes (open addressing, FNV-1a), so that a key
/// read from a line needs neither a string nor a transcoding to be found.
/// </summary>
internal sealed class Utf8Table<T>
{
    private readonly byte[]?[] _keys;
    private readonly T[] _values;
    private readonly int _mask;

    public Utf8Table(IEnumerable<(string Key, T Value)> entries)
    {
        var list = entries.DistinctBy(e => e.Key, StringComparer.Ordinal).ToList();
        var size = 8;
        while (size < list.Count * 4)
        {
            size *= 2;
        }

        _keys = new byte[size][];
        _values = new T[size];
        _mask = size - 1;
        foreach (var (key, value) in list)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(key);
            var i = Hash(bytes) & _mask;
            while (_keys[i] is not null)
            {
                i = (i + 1) & _mask;
            }

            _keys[i] = bytes;
            _values[i] = value;
        }
    }

    public bool TryGet(ReadOnlySpan<byte> key, out T value)
    {
        var i = Hash(key) & _mask;
        while (_keys[i] is { } candidate)
        {
            if (key.SequenceEqual(candidate))
            {
                value = _values[i];
                return true;
            }

            i = (i + 1) & _mask;
        }

        value = default!;
        return false;
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var hash = 2166136261u;
        foreach (var b in key)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)hash;
    }
}
