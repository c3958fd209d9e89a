namespace Decisioning.History;

/// <summary>
/// The interaction history (spec section 13): the loop's memory of decisions, offers, contacts
/// and responses, and of the map versions decided with. Implementations: <see cref="InMemoryHistory"/>
/// (tests), SQLite (<c>Decisioning.History.Sqlite</c>, one file) and PostgreSQL
/// (<c>Decisioning.History.Postgres</c>, shared by a fleet).
/// </summary>
/// <remarks>
/// Every member is thread-safe and may be called by many processes on one store. Writes are
/// idempotent: a record identical to one already stored (same customer, time and fields) is
/// stored once, so a retried batch or a file imported twice adds nothing. Reads return records in
/// the order they were first recorded. Calls block on the store; the engine reads on the decision
/// path (one indexed query per decision) and writes only from its background queue.
/// </remarks>
public interface IInteractionHistory : IDisposable
{
    /// <summary>The contacts and responses of <paramref name="customerId"/> with <paramref name="from"/> &lt;= at &lt;= <paramref name="to"/>.</summary>
    CustomerHistory Read(string customerId, DateTime from, DateTime to);

    /// <summary>Stores a batch in one transaction: all of it, or (on an exception) none of it.</summary>
    void Append(HistoryBatch batch);

    /// <summary>Decisions in the order recorded (streamed: do not write to the store while enumerating).</summary>
    IEnumerable<StoredDecision> Decisions(HistoryQuery query);

    /// <summary>Offers, served and shadow, in the order recorded.</summary>
    IEnumerable<OfferEntry> Offers(HistoryQuery query);

    /// <summary>Contacts in the order recorded.</summary>
    IEnumerable<ContactEntry> Contacts(HistoryQuery query);

    /// <summary>Responses in the order recorded.</summary>
    IEnumerable<ResponseEntry> Responses(HistoryQuery query);

    /// <summary>The map versions decided with, in the order first seen.</summary>
    IReadOnlyList<MapVersionEntry> MapVersions();

    /// <summary>How many records of each kind the store holds.</summary>
    HistoryCounts Count();

    /// <summary>
    /// Whether <paramref name="exception"/>, thrown by <see cref="Append"/>, means the store is
    /// unavailable for now (down, restarting, unreachable, busy, out of space) rather than that it
    /// refuses the batch. The engine's writer keeps a batch the store cannot take for now and writes
    /// it again until the store is back (<see cref="HistoryOptions.RetryUnavailableFor"/>); a batch
    /// refused is retried twice and then counted as failed. The default is
    /// <see cref="HistoryFailures.IsUnavailable"/>; a store that knows its driver's codes says more.
    /// </summary>
    bool IsUnavailable(Exception exception) => HistoryFailures.IsUnavailable(exception);

    /// <summary>
    /// Deletes every decision, offer, contact and response with at &lt; <paramref name="before"/>
    /// (retention); map versions stay. Returns the number of records deleted.
    /// </summary>
    long Purge(DateTime before);
}
