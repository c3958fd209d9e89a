using Decisioning.History;
using Decisioning.Recording;
using Decisioning.Telemetry;
using Microsoft.Extensions.Logging;

namespace Decisioning.Hosting;

/// <summary>
/// The engine's reads of its interaction history, and what a decision does while the store cannot
/// be read (<see cref="HistoryOptions.WhenReadUnavailable"/>). With
/// <see cref="HistoryReadUnavailableMode.SnapshotOnly"/>, a read that finds the store unavailable
/// opens a short pause in which decisions do not try the store at all: one decision probes it
/// after 50 ms, then after intervals doubling to 2 s, while the others decide on their snapshots.
/// A store that does not answer (a network cut: each try waits for the driver's connect time-out)
/// then holds up one deciding thread at a time, not all of them. Thread-safe.
/// </summary>
internal sealed class HistoryReads(HistoryRecorder history, DecisioningMetrics metrics, ILogger logger, TimeProvider time)
{
    // Decisions made on their snapshots alone since the last HistoryReadUnavailable log, and when
    // that was: logged at the first and then at most every 30 s, however many decisions meanwhile.
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(30);
    private long _snapshotOnly;
    private long _logged = long.MinValue;

    // The pause: the timestamp from which the store may be tried again (0: no pause), the pause's
    // current length, and the failure that began it (for the log).
    private long _probeAt;
    private TimeSpan _pause = StoreBackoff.First;
    private Exception? _failure;

    /// <summary>
    /// The records of <paramref name="customerId"/> from <paramref name="from"/> to
    /// <paramref name="to"/>; null when the decision is to be made on its snapshot alone.
    /// </summary>
    /// <exception cref="Exception">The store's, when it cannot be read and the mode is <see cref="HistoryReadUnavailableMode.Throw"/>, or for any other failure.</exception>
    public CustomerHistory? Read(string mapId, string customerId, DateTime from, DateTime to)
    {
        if (history.Options.WhenReadUnavailable == HistoryReadUnavailableMode.Throw)
        {
            return history.Store.Read(customerId, from, to);
        }

        var probeAt = Volatile.Read(ref _probeAt);
        if (probeAt != 0)
        {
            // Paused: past its end, one thread takes the probe (and moves the end on meanwhile).
            var now = time.GetTimestamp();
            if (now < probeAt || Interlocked.CompareExchange(ref _probeAt, now + Ticks(_pause), probeAt) != probeAt)
            {
                SnapshotOnly(mapId, Volatile.Read(ref _failure));
                return null;
            }
        }

        try
        {
            var read = history.Store.Read(customerId, from, to);
            if (probeAt != 0)
            {
                _pause = StoreBackoff.First;
                Volatile.Write(ref _probeAt, 0);
            }

            return read;
        }
        catch (Exception e) when (StoreBackoff.IsUnavailable(history.Store, e))
        {
            Volatile.Write(ref _failure, e);
            _pause = probeAt == 0 ? StoreBackoff.First : StoreBackoff.Next(_pause);
            Volatile.Write(ref _probeAt, time.GetTimestamp() + Ticks(_pause));
            SnapshotOnly(mapId, e);
            return null;
        }
    }

    private void SnapshotOnly(string mapId, Exception? exception)
    {
        metrics.HistoryUnavailable(mapId);
        Interlocked.Increment(ref _snapshotOnly);
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _logged);
        if ((last == long.MinValue || time.GetElapsedTime(last, now) >= LogEvery)
            && Interlocked.CompareExchange(ref _logged, now, last) == last)
        {
            var period = last == long.MinValue ? TimeSpan.Zero : time.GetElapsedTime(last, now);
            logger.HistoryReadUnavailable(mapId, Interlocked.Exchange(ref _snapshotOnly, 0), period, exception);
        }
    }

    private long Ticks(TimeSpan span) => Math.Max(1, (long)(span.TotalSeconds * time.TimestampFrequency));
}
