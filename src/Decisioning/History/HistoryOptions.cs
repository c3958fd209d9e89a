namespace Decisioning.History;

/// <summary>What the write queue does when it is full.</summary>
public enum HistoryQueueFullMode
{
    /// <summary>The deciding thread waits for room: nothing is lost, decisions slow to the store's pace.</summary>
    Wait,

    /// <summary>The record is dropped and counted (<see cref="IHistoryRecorder.Counts"/>, and the stop log): decisions never wait.</summary>
    Drop,
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

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> for a bad one.</summary>
    public void Validate()
    {
        if (RetryUnavailableFor != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(RetryUnavailableFor, TimeSpan.Zero, nameof(RetryUnavailableFor));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
    }
}
