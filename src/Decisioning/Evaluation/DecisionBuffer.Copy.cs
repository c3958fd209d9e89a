namespace Decisioning.Evaluation;

public sealed partial class DecisionBuffer
{
    /// <summary>
    /// The buffer as a <see cref="Decision"/>, equal to what <see cref="Evaluator.Decide"/> returns
    /// for the same customer and time. Allocates (it is the copy a host keeps).
    /// </summary>
    /// <remarks>Read through the same view the JSON writer reads, so the records and the line cannot differ.</remarks>
    public Decision ToDecision()
    {
        var view = new BufferView(this);
        var trace = new TraceEntry[view.TraceCount];
        var plain = Gates.Layout.PlainTrace;
        for (var i = 0; i < trace.Length; i++)
        {
            var plainTrace = view.IsPlainTrace(i, out var reason);
            if (plainTrace && Shared(plain, i, reason) is { } shared)
            {
                // Most of a decision's trace is a strategy, its outcome and a reason code, the same
                // record each time: one immutable instance per strategy and reason is shared by the
                // decisions, instead of a new one each (over half of a decision's bytes, and so of
                // its garbage collections: benchmarks/README.md).
                trace[i] = shared;
                continue;
            }

            var t = view.Trace(i);
            trace[i] = new TraceEntry(t.Strategy, t.Outcome, t.Reason, t.Rule, t.Message, t.Error, t.Wave) { Model = t.Model, Evidence = t.Evidence, State = t.State };
            if (plainTrace && t.IsPlain)
            {
                Share(plain, i, trace[i]);
            }
        }

        var experiment = Plan.Experiment is { } e ? new ExperimentAssignment(e.Id, Group!, Bucket, e.Control) : null;
        return new Decision(Customer.Id, Plan.MapId, Plan.Version, At, Tier, Stage, [.. SegmentIds], experiment,
            Actions(view, counterfactual: false, ActionCount), view.HasCounterfactual ? Actions(view, counterfactual: true, CounterfactualCount) : null, trace,
            Plan.MapHash, NoAction);
    }

    // Strategy i's shared entry for the reason (reason codes are constants: compared by reference).
    private static TraceEntry? Shared(TraceEntry?[] plain, int strategy, string? reason)
    {
        var first = strategy * GateLayout.PlainTraceReasons;
        for (var slot = first; slot < first + GateLayout.PlainTraceReasons; slot++)
        {
            var entry = plain[slot];
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

    // Kept in the strategy's first free slot; when all are taken the entry is not kept. Two threads
    // racing for a slot only make one record more: every slot is written whole, once filled it stays.
    private static void Share(TraceEntry?[] plain, int strategy, TraceEntry entry)
    {
        var first = strategy * GateLayout.PlainTraceReasons;
        for (var slot = first; slot < first + GateLayout.PlainTraceReasons; slot++)
        {
            if (Interlocked.CompareExchange(ref plain[slot], entry, null) is not { } taken || ReferenceEquals(taken.Reason, entry.Reason))
            {
                return;
            }
        }
    }

    private static DecisionAction[] Actions(BufferView view, bool counterfactual, int count)
    {
        var actions = new DecisionAction[count];
        for (var i = 0; i < count; i++)
        {
            var a = view.Action(counterfactual, i);
            actions[i] = new DecisionAction(a.Rank, a.Strategy, a.Objective, a.Scenario, a.Product, a.Channel, a.Script, a.Score, a.Propensity, a.Wave, a.Fallback);
        }

        return actions;
    }
}
