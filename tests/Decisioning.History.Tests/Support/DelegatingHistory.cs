namespace Decisioning.History.Tests.Support;

/// <summary>
/// An in-memory history a test can intercept: every member passes to <see cref="Inner"/>, and a
/// test store overrides the ones it makes slow, gated or failing.
/// </summary>
internal class DelegatingHistory : IInteractionHistory
{
    /// <summary>Where the records are kept.</summary>
    public InMemoryHistory Inner { get; } = new();

    public virtual CustomerHistory Read(string customerId, DateTime from, DateTime to) => Inner.Read(customerId, from, to);

    public virtual void Append(HistoryBatch batch) => Inner.Append(batch);

    public virtual IEnumerable<StoredDecision> Decisions(HistoryQuery query) => Inner.Decisions(query);

    public virtual IEnumerable<OfferEntry> Offers(HistoryQuery query) => Inner.Offers(query);

    public virtual IEnumerable<ContactEntry> Contacts(HistoryQuery query) => Inner.Contacts(query);

    public virtual IEnumerable<ResponseEntry> Responses(HistoryQuery query) => Inner.Responses(query);

    public IReadOnlyList<MapVersionEntry> MapVersions() => Inner.MapVersions();

    public HistoryCounts Count() => Inner.Count();

    public long Purge(DateTime before) => Inner.Purge(before);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a test store holds beside the records.</summary>
    protected virtual void Dispose(bool disposing) => Inner.Dispose();
}
