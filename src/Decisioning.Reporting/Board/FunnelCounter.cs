using Decisioning.Reporting.Input;

namespace Decisioning.Reporting.Board;

/// <summary>
/// The decision funnel per strategy, from the trace of every decision (a control-group decision by
/// its trace, which describes the model's choice): how often each strategy was evaluated, selected,
/// and rejected at which gate. Strategies keep the order they were first seen in, which is the
/// map's file order.
/// </summary>
internal sealed class FunnelCounter
{
    private readonly Dictionary<string, Counts> strategies = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    public IReadOnlyList<string> Strategies => order;

    public void Add(List<TraceItem> trace)
    {
        foreach (var item in trace)
        {
            if (!strategies.TryGetValue(item.Strategy, out var counts))
            {
                counts = new Counts();
                strategies.Add(item.Strategy, counts);
                order.Add(item.Strategy);
            }

            counts.Evaluated++;
            if (item.Outcome == GateOrder.Selected)
            {
                counts.Selected++;
            }
            else
            {
                // A rejection names its gate; a line without a reason counts under its outcome.
                var reason = item.Reason ?? item.Outcome ?? "unknown";
                counts.Rejected[reason] = counts.Rejected.GetValueOrDefault(reason) + 1;
            }
        }
    }

    public Model.FunnelRow Row(string strategy) => strategies.TryGetValue(strategy, out var c)
        ? new Model.FunnelRow(strategy, c.Evaluated, c.Selected, GateOrder.Sort(c.Rejected).Select(r => new Model.ReasonCount(r.Key, r.Value)).ToList())
        : new Model.FunnelRow(strategy, 0, 0, []);

    private sealed class Counts
    {
        public long Evaluated;
        public long Selected;
        public readonly Dictionary<string, long> Rejected = new(StringComparer.Ordinal);
    }
}
