namespace Decisioning.History;

/// <summary>
/// An interaction history in this process's memory: for tests, and for hosts that want the loop
/// within one run only. Thread-safe (one lock); forgets everything when the process ends.
/// </summary>
public sealed class InMemoryHistory : IInteractionHistory
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly List<StoredDecision> _decisions = [];
    private readonly List<OfferEntry> _offers = [];
    private readonly List<ContactEntry> _contacts = [];
    private readonly List<ResponseEntry> _responses = [];
    private readonly List<MapVersionEntry> _maps = [];

    /// <inheritdoc />
    public CustomerHistory Read(string customerId, DateTime from, DateTime to)
    {
        var range = new HistoryQuery(customerId, from, to);
        lock (_gate)
        {
            return new CustomerHistory(
                [.. _contacts.Where(c => range.Matches(c.CustomerId, c.At))],
                [.. _responses.Where(r => range.Matches(r.CustomerId, r.At))]);
        }
    }

    /// <inheritdoc />
    public void Append(HistoryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            foreach (var decision in batch.Decisions)
            {
                Add(_decisions, decision, HistoryKeys.Of(decision));
                if (decision.MapHash is { } hash && _maps.All(m => m.Hash != hash))
                {
                    _maps.Add(new MapVersionEntry(hash, decision.Map, decision.Version, decision.At));
                }
            }

            batch.Offers.ToList().ForEach(o => Add(_offers, o, HistoryKeys.Of(o)));
            batch.Contacts.ToList().ForEach(c => Add(_contacts, c, HistoryKeys.Of(c)));
            batch.Responses.ToList().ForEach(r => Add(_responses, r, HistoryKeys.Of(r)));
        }
    }

    /// <inheritdoc />
    public IEnumerable<StoredDecision> Decisions(HistoryQuery query) => Select(_decisions, query, d => (d.CustomerId, d.At));

    /// <inheritdoc />
    public IEnumerable<OfferEntry> Offers(HistoryQuery query) => Select(_offers, query, o => (o.CustomerId, o.At));

    /// <inheritdoc />
    public IEnumerable<ContactEntry> Contacts(HistoryQuery query) => Select(_contacts, query, c => (c.CustomerId, c.At));

    /// <inheritdoc />
    public IEnumerable<ResponseEntry> Responses(HistoryQuery query) => Select(_responses, query, r => (r.CustomerId, r.At));

    /// <inheritdoc />
    public IReadOnlyList<MapVersionEntry> MapVersions()
    {
        lock (_gate)
        {
            return [.. _maps];
        }
    }

    /// <inheritdoc />
    public HistoryCounts Count()
    {
        lock (_gate)
        {
            return new HistoryCounts(_decisions.Count, _offers.Count, _contacts.Count, _responses.Count, _maps.Count);
        }
    }

    /// <inheritdoc />
    public long Purge(DateTime before)
    {
        lock (_gate)
        {
            // Keys of purged records are forgotten too: a record imported again after a purge is stored again.
            long removed = 0;
            removed += _decisions.RemoveAll(d => d.At < before && _keys.Remove(HistoryKeys.Of(d)));
            removed += _offers.RemoveAll(o => o.At < before && _keys.Remove(HistoryKeys.Of(o)));
            removed += _contacts.RemoveAll(c => c.At < before && _keys.Remove(HistoryKeys.Of(c)));
            removed += _responses.RemoveAll(r => r.At < before && _keys.Remove(HistoryKeys.Of(r)));
            return removed;
        }
    }

    /// <summary>Nothing to release.</summary>
    public void Dispose()
    {
    }

    private void Add<T>(List<T> list, T item, string key)
    {
        if (_keys.Add(key))
        {
            list.Add(item);
        }
    }

    private List<T> Select<T>(List<T> list, HistoryQuery query, Func<T, (string Customer, DateTime At)> keyOf)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            return [.. list.Where(item => keyOf(item) is var (customer, at) && query.Matches(customer, at))];
        }
    }
}
