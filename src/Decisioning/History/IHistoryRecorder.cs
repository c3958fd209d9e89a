namespace Decisioning.History;

/// <summary>
/// A host's side of the interaction history, registered by <c>UseSqliteHistory</c>,
/// <c>UsePostgresHistory</c> or <c>UseHistory</c>. The engine records its decisions and offers
/// itself; the host confirms deliveries and reports responses here. Every call only queues the
/// record (bounded, batched, written in the background) and returns; thread-safe.
/// </summary>
public interface IHistoryRecorder
{
    /// <summary>The store, for reads (a customer's records, exports, counts).</summary>
    IInteractionHistory Store { get; }

    /// <summary>Confirms a delivery: the contact is stored and later decisions see it.</summary>
    /// <exception cref="ArgumentException">The contact has no customer id, or a wave below 1.</exception>
    void RecordContact(ContactEntry contact);

    /// <summary>Reports a customer's response (<c>responded</c>, <c>declined</c> or <c>converted</c>).</summary>
    /// <exception cref="ArgumentException">The response has no customer id, another kind, or a value that is NaN or infinite.</exception>
    void RecordResponse(ResponseEntry response);

    /// <summary>
    /// Records offers made outside the engine's own decisions (a shadow map's, with role
    /// <see cref="OfferRoles.Shadow"/>: those never become contacts), with their decision when given.
    /// </summary>
    void RecordOffers(StoredDecision? decision, IReadOnlyList<OfferEntry> offers);

    /// <summary>Records written, dropped because the queue was full, and lost to store failures, so far.</summary>
    HistoryQueueCounts Counts { get; }

    /// <summary>Waits until every record queued before the call is written (or cancelled).</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}

/// <summary>The write queue's counters.</summary>
public sealed record HistoryQueueCounts(long Queued, long Written, long Dropped, long Failed)
{
    /// <summary>Records queued and not yet written, dropped or failed.</summary>
    public long Pending => Queued - Written - Failed;
}
