namespace Decisioning.Diagnostics;

/// <summary>
/// Pieces one load made (a list item's declaration, a validated item's failures, a compiled plan
/// part) that the next load of the same map may take again instead of making them anew. A lookup
/// falls through to the previous load's table, and whatever is taken or added lands in this one;
/// <see cref="Next"/> hands this load's table to the next load without the one before, so memory
/// follows the map, not its history. Keys are compared as the caller says: by reference for nodes
/// and declarations (the same object means the same input), by value for text and bytes.
/// </summary>
internal sealed class ReuseTable<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _current;
    private Dictionary<TKey, TValue>? _previous;
    private readonly IEqualityComparer<TKey>? _comparer;

    public ReuseTable(IEqualityComparer<TKey>? comparer = null)
        : this(comparer, new Dictionary<TKey, TValue>(comparer), null)
    {
    }

    private ReuseTable(IEqualityComparer<TKey>? comparer, Dictionary<TKey, TValue> current, Dictionary<TKey, TValue>? previous)
    {
        _comparer = comparer;
        _current = current;
        _previous = previous;
    }

    /// <summary>The table of the next load, which may take this load's pieces (and no older ones).</summary>
    public ReuseTable<TKey, TValue> Next() => new(_comparer, new Dictionary<TKey, TValue>(_comparer), _current);

    /// <summary>This load's pieces alone, without the previous load's: what is kept for the next load.</summary>
    public ReuseTable<TKey, TValue> Kept() => _previous is null ? this : new(_comparer, _current, null);

    public bool TryGet(TKey key, out TValue value)
    {
        if (_current.TryGetValue(key, out value!))
        {
            return true;
        }

        if (_previous is not null && _previous.TryGetValue(key, out value!))
        {
            _current[key] = value;
            return true;
        }

        return false;
    }

    public void Add(TKey key, TValue value) => _current[key] = value;

    /// <summary>Drops the previous load's pieces: what they were made from has changed.</summary>
    public void Forget() => _previous = null;
}
