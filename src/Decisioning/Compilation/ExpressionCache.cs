using Decisioning.Plan;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Decisioning.Runtime;

namespace Decisioning.Compilation;

/// <summary>
/// Compiled expressions kept across loads, keyed by the expression's text and everything its
/// compilation depends on (the scope's names and the customer's and event's field layouts). A hot
/// reload of a map of which a few strategies changed compiles only the changed expressions: most of a
/// load's time is the parser and the JIT compiling each expression's delegate
/// (benchmarks/README.md). Only expressions that compiled without a diagnostic are kept, so a map
/// with errors reports every one of them on every load. Thread-safe; bounded: when full it is
/// emptied and refills with what is loaded next.
/// </summary>
internal sealed class ExpressionCache
{
    private static readonly ConditionalWeakTable<RowLayout, string> Signatures = new();
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <param name="capacity">How many expressions to keep before the cache is emptied.</param>
    public ExpressionCache(int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    /// <summary>The cache every load uses unless its <c>MapLoadOptions</c> says otherwise.</summary>
    public static ExpressionCache Shared { get; } = new();

    public int Capacity { get; }

    public int Count => _entries.Count;

    public void Clear() => _entries.Clear();

    internal bool TryGet(string key, out Entry entry) => _entries.TryGetValue(key, out entry!);

    internal void Add(string key, Entry entry)
    {
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries.TryAdd(key, entry);
    }

    /// <summary>The key of <paramref name="text"/> compiled in <paramref name="scope"/>.</summary>
    internal static string Key(string text, ExpressionScope scope)
    {
        var builder = new StringBuilder(text.Length + 128);
        builder.Append(scope.Tier ? 'T' : '-').Append(scope.Stage ? 'S' : '-').Append(scope.Segments ? 'G' : '-')
            .Append('|').Append(Signature(scope.Customer))
            .Append('|').Append(scope.Event is { } payload ? Signature(payload) : "")
            .Append('|').Append(text);
        return builder.ToString();
    }

    // A layout's fields with their types and slots, once per layout (a compiled delegate reads by
    // slot), as a hash so that keys stay short however many fields a customer has.
    private static string Signature(RowLayout layout) => Signatures.GetValue(layout, static l =>
    {
        var text = string.Join(";", l.Fields.Select(f => $"{f.Name}:{f.Type}:{f.Storage}:{f.Slot}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    });

    internal sealed record Entry(DeferredTest Test, IReadOnlyList<string> Names, bool MayThrow);
}
