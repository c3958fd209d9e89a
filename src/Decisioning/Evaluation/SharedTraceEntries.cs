namespace Decisioning.Evaluation;

/// <summary>
/// A plan's plain trace entries (a strategy, its outcome and a reason code, nothing else), one
/// immutable record per strategy and reason, up to <see cref="ReasonsPerStrategy"/> reasons a
/// strategy: <see cref="DecisionBuffer.ToDecision"/> hands the same record to every decision that
/// traces the strategy so, instead of a new one each (over half of a decision's bytes, and so of
/// its garbage collections: benchmarks/README.md). Thread-safe without locks.
/// </summary>
internal sealed class SharedTraceEntries(int strategies)
{
    /// <summary>How many reasons a strategy's shared entries cover (more are made anew each time).</summary>
    public const int ReasonsPerStrategy = 8;

    // Strategy i's entries at i * ReasonsPerStrategy onwards, filled in order: once a slot holds an
    // entry it keeps it, so the filled slots of a strategy are always a prefix.
    private readonly TraceEntry?[] _entries = new TraceEntry?[strategies * ReasonsPerStrategy];

    /// <summary>Strategy <paramref name="strategy"/>'s entry for <paramref name="reason"/> (reason codes are constants: compared by reference), or null.</summary>
    public TraceEntry? Get(int strategy, string? reason)
    {
        var first = strategy * ReasonsPerStrategy;
        for (var slot = first; slot < first + ReasonsPerStrategy; slot++)
        {
            var entry = _entries[slot];
            if (entry is null)
            {
                return null;
            }

            if (ReferenceEquals(entry.Reason, reason))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>
    /// Keeps <paramref name="entry"/> in the strategy's first free slot; when all are taken it is not
    /// kept. Two threads racing for a slot only make one record more.
    /// </summary>
    public void Keep(int strategy, TraceEntry entry)
    {
        var first = strategy * ReasonsPerStrategy;
        for (var slot = first; slot < first + ReasonsPerStrategy; slot++)
        {
            if (Interlocked.CompareExchange(ref _entries[slot], entry, null) is not { } taken || ReferenceEquals(taken.Reason, entry.Reason))
            {
                return;
            }
        }
    }
}
