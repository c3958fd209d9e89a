namespace Decisioning.History;

/// <summary>What the write queue does when it is full.</summary>
public enum HistoryQueueFullMode
{
    /// <summary>The deciding thread waits for room: nothing is lost, decisions slow to the store's pace.</summary>
    Wait,

    /// <summary>The record is dropped and counted (<see cref="IHistoryRecorder.Counts"/>, and the stop log): decisions never wait.</summary>
    Drop,
}

/// <summary>What a decision does when the store cannot be read for now (<see cref="IInteractionHistory.IsUnavailable"/>).</summary>
public enum HistoryReadUnavailableMode
{
    /// <summary>
    /// The decision fails with the store's exception: no decision is made without the contacts
    /// and responses that cooldowns, caps, waves and suppression count.
    /// </summary>
    Throw,

    /// <summary>
    /// The decision is made on the snapshot's own contacts and responses alone, counted
    /// (<c>decisioning.history.unavailable_reads</c>) and logged: the host keeps serving through a
    /// store's restart, and a cooldown or cap may miss a contact that only the store holds.
    /// </summary>
    SnapshotOnly,
}

/// <summary>How an engine records into its interaction history.</summary>
public sealed class HistoryOptions
{
    /// <summary>Records the write queue holds before <see cref="WhenFull"/> applies. Default 10,000.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most records written in one transaction. Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>What happens to a record when the queue is full. Default <see cref="HistoryQueueFullMode.Wait"/>.</summary>
    public HistoryQueueFullMode WhenFull { get; set; } = HistoryQueueFullMode.Wait;

    /// <summary>
    /// Served offers become contacts at once (outcome <c>sent</c>), for hosts that deliver every
    /// action they are given. Default false: a contact is recorded when the host confirms delivery.
    /// </summary>
    public bool OffersAreContacts { get; set; }

    /// <summary>Stores each decided snapshot (as decided, history merged in) with its decision, for <c>replay</c>. Default false.</summary>
    public bool KeepSnapshots { get; set; }

    /// <summary>
    /// How long a batch is written again while the store is unavailable
    /// (<see cref="IInteractionHistory.IsUnavailable"/>: a database restarting, a connection cut, a
    /// file locked by another process, a disk full) before its records count as failed. Meanwhile
    /// the queue fills and <see cref="WhenFull"/> applies. Default 5 minutes;
    /// <see cref="Timeout.InfiniteTimeSpan"/> keeps writing until the store is back or the recorder
    /// stops (a stop's deadline leaves the batch unwritten, logged as lost).
    /// </summary>
    public TimeSpan RetryUnavailableFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// What a decision does when the store cannot be read for now (a database restarting, a
    /// connection cut). Default <see cref="HistoryReadUnavailableMode.Throw"/>. Any other failure
    /// of a read (a bug, a corrupt store) always throws.
    /// </summary>
    public HistoryReadUnavailableMode WhenReadUnavailable { get; set; }

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> for a bad one.</summary>
    public void Validate()
    {
        if (RetryUnavailableFor != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(RetryUnavailableFor, TimeSpan.Zero, nameof(RetryUnavailableFor));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        if (!Enum.IsDefined(WhenReadUnavailable))
        {
            throw new ArgumentOutOfRangeException(nameof(WhenReadUnavailable), WhenReadUnavailable, "not a HistoryReadUnavailableMode");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
    }
}
