using System.Collections.Concurrent;
using Decisioning.Plan;

namespace Decisioning.Evaluation;

/// <summary>
/// What a run decided, counted as it goes, for the summary a command prints at its end: customers
/// decided, error records, actions per strategy, and decisions with no action by their reason.
/// Thread-safe: the deciding threads add to it at once.
/// </summary>
internal sealed class DecisionTally
{
    private readonly DecisionPlan _plan;
    private readonly long[] _actions;
    private readonly ConcurrentDictionary<string, long> _noAction = new(StringComparer.Ordinal);
    private long _customers;
    private long _errors;

    public DecisionTally(DecisionPlan plan)
    {
        _plan = plan;
        _actions = new long[plan.Strategies.Count];
    }

    public long Customers => Interlocked.Read(ref _customers);

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Actions returned per strategy, in the map's order (strategies with none included).</summary>
    public IReadOnlyList<(string Strategy, long Actions)> Actions =>
        _plan.Strategies.Select(s => (s.Id, Interlocked.Read(ref _actions[s.Index]))).ToList();

    /// <summary>Decisions without an action, by reason, most frequent first.</summary>
    public IReadOnlyList<(string Reason, long Decisions)> NoAction =>
        _noAction.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToList();

    public void AddError() => Interlocked.Increment(ref _errors);

    /// <summary>Counts a decision made into a buffer (evaluate's path).</summary>
    public void Add(DecisionBuffer decision)
    {
        Interlocked.Increment(ref _customers);
        for (var rank = 0; rank < decision.ActionCount; rank++)
        {
            Interlocked.Increment(ref _actions[decision.Action(rank).Strategy.Index]);
        }

        if (decision.ActionCount == 0)
        {
            _noAction.AddOrUpdate(decision.NoAction ?? "none", 1, (_, n) => n + 1);
        }
    }

    /// <summary>Counts a decision record (batch's path).</summary>
    public void Add(Decision decision)
    {
        Interlocked.Increment(ref _customers);
        foreach (var action in decision.Actions)
        {
            if (_plan.Strategies.FirstOrDefault(s => s.Id == action.Strategy) is { } strategy)
            {
                Interlocked.Increment(ref _actions[strategy.Index]);
            }
        }

        if (decision.Actions.Count == 0)
        {
            _noAction.AddOrUpdate(decision.NoAction ?? "none", 1, (_, n) => n + 1);
        }
    }
}
