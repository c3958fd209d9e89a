using Microsoft.Extensions.Logging;

namespace Decisioning.History;

/// <summary>The interaction history's logs (event ids 40-49; docs/telemetry.md).</summary>
internal static partial class HistoryLog
{
    [LoggerMessage(EventId = 40, EventName = "HistoryStopped", Level = LogLevel.Information,
        Message = "Interaction history stopped: {Written} records written, {Dropped} dropped (queue full), {Failed} failed, {Unwritten} unwritten (lost)")]
    public static partial void Stopped(ILogger logger, long written, long dropped, long failed, long unwritten);

    [LoggerMessage(EventId = 41, EventName = "HistoryDropping", Level = LogLevel.Warning,
        Message = "Interaction history queue is full ({Capacity} records) or stopped ({Stopped}): records are being dropped and counted")]
    public static partial void FirstDrop(ILogger logger, int capacity, bool stopped);

    [LoggerMessage(EventId = 42, EventName = "HistoryWriteRetried", Level = LogLevel.Warning,
        Message = "Interaction history: writing {Count} records failed (attempt {Attempt}); retrying")]
    public static partial void WriteRetried(ILogger logger, int count, int attempt, Exception exception);

    [LoggerMessage(EventId = 43, EventName = "HistoryWriteFailed", Level = LogLevel.Error,
        Message = "Interaction history: {Count} records could not be written and are lost")]
    public static partial void WriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 44, EventName = "HistoryUnavailable", Level = LogLevel.Warning,
        Message = "Interaction history: the store is unavailable; {Count} records are kept and written again for up to {RetryFor} (the queue fills meanwhile)")]
    public static partial void Unavailable(ILogger logger, int count, TimeSpan retryFor, Exception exception);

    [LoggerMessage(EventId = 45, EventName = "HistoryStillUnavailable", Level = LogLevel.Warning,
        Message = "Interaction history: the store is still unavailable after {Elapsed}; {Count} records kept")]
    public static partial void StillUnavailable(ILogger logger, int count, TimeSpan elapsed);

    [LoggerMessage(EventId = 48, EventName = "HistoryReadsWaiting", Level = LogLevel.Warning,
        Message = "Interaction history: the store cannot be read; reads wait for it for up to {RetryFor}")]
    public static partial void ReadsWait(ILogger logger, TimeSpan retryFor, Exception exception);

    [LoggerMessage(EventId = 49, EventName = "HistoryReadsGoOn", Level = LogLevel.Information,
        Message = "Interaction history: the store can be read again; reads go on")]
    public static partial void ReadsGoOn(ILogger logger);

    [LoggerMessage(EventId = 46, EventName = "HistoryAvailableAgain", Level = LogLevel.Information,
        Message = "Interaction history: the store is available again after {Elapsed}; the {Count} records kept are written")]
    public static partial void AvailableAgain(ILogger logger, int count, TimeSpan elapsed);
}
