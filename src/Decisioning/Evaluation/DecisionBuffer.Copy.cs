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
            if (plainTrace && plain.Get(i, reason) is { } shared)
            {
                // Most of a decision's trace is a strategy, its outcome and a reason code, the same
                // record each time (SharedTraceEntries).
                trace[i] = shared;
                continue;
            }

            var t = view.Trace(i);
            trace[i] = new TraceEntry(t.Strategy, t.Outcome, t.Reason, t.Rule, t.Message, t.Error, t.Wave) { Model = t.Model, Evidence = t.Evidence, State = t.State };
            if (plainTrace && t.IsPlain)
            {
                plain.Keep(i, trace[i]);
            }
        }

        var experiment = Plan.Experiment is { } e ? new ExperimentAssignment(e.Id, Group!, Bucket, e.Control) : null;
        return new Decision(Customer.Id, Plan.MapId, Plan.Version, At, Tier, Stage, [.. SegmentIds], experiment,
            Actions(view, counterfactual: false, ActionCount), view.HasCounterfactual ? Actions(view, counterfactual: true, CounterfactualCount) : null, trace,
            Plan.MapHash, NoAction);
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
