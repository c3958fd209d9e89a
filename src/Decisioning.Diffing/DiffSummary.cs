using Decisioning.Evaluation;

namespace Decisioning.Diffing;

/// <summary>An end of a move: a strategy's action on a channel, or nothing (null) for an action added or removed.</summary>
/// <param name="Strategy">The strategy id; null for no action.</param>
/// <param name="Channel">The channel id; null for no action.</param>
public readonly record struct ActionSlot(string? Strategy, string? Channel)
{
    /// <summary>No action: the end of an addition (from) or a removal (to).</summary>
    public static readonly ActionSlot None = new(null, null);

    /// <summary>The slot of <paramref name="action"/>, or <see cref="None"/> when it is null.</summary>
    public static ActionSlot Of(DecisionAction? action) => action is null ? None : new(action.Strategy, action.Channel);

    /// <summary><c>strategy @ channel</c>, or <c>(none)</c>.</summary>
    public override string ToString() => Strategy is null ? "(none)" : $"{Strategy} @ {Channel}";
}

/// <summary>
/// The totals of a diff: customers compared and changed, changes by kind, the moves between
/// strategies and channels (from -> to, with counts), and the actions per channel and per strategy
/// under each version. Not thread-safe: fed in input order.
/// </summary>
public sealed class DiffSummary
{
    private readonly Dictionary<ChangeKind, long> _kinds = [];
    private readonly Dictionary<(ActionSlot From, ActionSlot To), long> _moves = [];
    private readonly Dictionary<string, (long Old, long New)> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Old, long New)> _strategies = new(StringComparer.Ordinal);

    internal DiffSummary()
    {
    }

    /// <summary>Customers compared (input lines that were not blank).</summary>
    public long Customers { get; private set; }

    /// <summary>Customers with at least one change.</summary>
    public long Changed { get; private set; }

    /// <summary>Customers whose snapshot is invalid under the old map.</summary>
    public long OldErrors { get; private set; }

    /// <summary>Customers whose snapshot is invalid under the new map.</summary>
    public long NewErrors { get; private set; }

    /// <summary>Changes of <paramref name="kind"/>, over all customers.</summary>
    public long Count(ChangeKind kind) => _kinds.GetValueOrDefault(kind);

    /// <summary>Moves from one action to another, most frequent first: strategy changes, channel changes, additions and removals.</summary>
    public IReadOnlyList<(ActionSlot From, ActionSlot To, long Count)> Moves =>
        [.. _moves.Select(p => (p.Key.From, p.Key.To, p.Value))
            .OrderByDescending(m => m.Value)
            .ThenBy(m => m.From.ToString(), StringComparer.Ordinal)
            .ThenBy(m => m.To.ToString(), StringComparer.Ordinal)];

    /// <summary>Actions per channel under the old and the new map, by channel id.</summary>
    public IReadOnlyList<(string Channel, long Old, long New)> Channels => Table(_channels);

    /// <summary>Actions per strategy under the old and the new map, by strategy id.</summary>
    public IReadOnlyList<(string Strategy, long Old, long New)> Strategies => Table(_strategies);

    internal void Add(CustomerDiff diff)
    {
        Customers++;
        OldErrors += diff.OldError is null ? 0 : 1;
        NewErrors += diff.NewError is null ? 0 : 1;
        Tally(diff.Old, old: true);
        Tally(diff.New, old: false);
        if (!diff.Changed)
        {
            return;
        }

        Changed++;
        foreach (var change in diff.Changes)
        {
            _kinds[change.Kind] = _kinds.GetValueOrDefault(change.Kind) + 1;
            if (change.Kind is ChangeKind.Strategy or ChangeKind.Channel or ChangeKind.Added or ChangeKind.Removed)
            {
                var key = (ActionSlot.Of(change.Old), ActionSlot.Of(change.New));
                _moves[key] = _moves.GetValueOrDefault(key) + 1;
            }
        }
    }

    private void Tally(Decision? decision, bool old)
    {
        foreach (var action in decision?.Actions ?? [])
        {
            Bump(_channels, action.Channel, old);
            Bump(_strategies, action.Strategy, old);
        }
    }

    private static void Bump(Dictionary<string, (long Old, long New)> counts, string key, bool old)
    {
        var (o, n) = counts.GetValueOrDefault(key);
        counts[key] = old ? (o + 1, n) : (o, n + 1);
    }

    private static (string, long, long)[] Table(Dictionary<string, (long Old, long New)> counts) =>
        [.. counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Old, p.Value.New))];
}
