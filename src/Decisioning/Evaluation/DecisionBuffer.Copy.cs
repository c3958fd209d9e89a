namespace Decisioning.Evaluation;

public sealed partial class DecisionBuffer
{
    /// <summary>
    /// The buffer as a <see cref="Decision"/>, equal to what <see cref="Evaluator.Decide"/> returns
    /// for the same customer and time. Allocates (it is the copy a host keeps).
    /// </summary>
    public Decision ToDecision()
    {
        if (_copied is not null)
        {
            return _copied;
        }

        var trace = new TraceEntry[Plan.Strategies.Count];
        foreach (var strategy in Plan.Strategies)
        {
            var reason = Reasons[strategy.Index];
            trace[strategy.Index] = (reason is null
                ? new TraceEntry(strategy.Id, TraceEntry.Selected, null)
                : new TraceEntry(strategy.Id, TraceEntry.Rejected, reason, RuleIds[strategy.Index],
                    Wave: Waves[strategy.Index] > 1 ? Waves[strategy.Index] : null)).WithModel(strategy);
        }

        var experiment = Plan.Experiment is { } e ? new ExperimentAssignment(e.Id, Group!, Bucket, e.Control) : null;
        return new Decision(Customer.Id, Plan.MapId, Plan.Version, At, Tier, Stage, [.. SegmentIds], experiment,
            Actions(ActionCount, Action), Group == ExperimentAssignment.ControlGroup ? Actions(CounterfactualCount, Counterfactual) : null, trace,
            Plan.MapHash, NoAction);
    }

    /// <summary>
    /// Fills the buffer from a decision made the allocating way (an evaluator with policies), so
    /// that every reader sees the same decision whichever path made it.
    /// </summary>
    internal void CopyFrom(Decision decision)
    {
        Frame.Tier = decision.Tier;
        Frame.Stage = decision.Stage;
        SegmentIds.AddRange(decision.Segments);
        Group = decision.Experiment?.Group;
        Bucket = decision.Experiment?.Bucket ?? 0;
        NoAction = decision.NoAction;
        ModelCount = Fill(decision.Counterfactual ?? decision.Actions, Model);
        ChosenCount = decision.Counterfactual is null ? ModelCount : Fill(decision.Actions, Chosen);
        if (decision.Counterfactual is null)
        {
            Array.Copy(Model, Chosen, ModelCount);
        }

        foreach (var entry in decision.Trace)
        {
            var index = Plan.Strategies.First(s => s.Id == entry.Strategy).Index;
            Reasons[index] = entry.Reason;
            Waves[index] = entry.Wave ?? 0;
            RuleIds[index] = entry.Reason == ReasonCodes.Suppressed ? entry.Rule : null;
        }

        _copied = decision;
    }

    private int Fill(IReadOnlyList<DecisionAction> actions, int[] order)
    {
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var strategy = Plan.Strategies.First(s => s.Id == action.Strategy);
            Candidates[CandidateCount] = new CandidateSlot
            {
                Strategy = strategy,
                Choice = (action.Wave is > 1 and var w ? strategy.Waves[w - 1].Channels : strategy.Channels).First(c => c.Channel.Id == action.Channel),
                Wave = action.Wave ?? 0,
                Fallback = action.Fallback == true,
                Script = action.Script,
                Score = action.Score,
                Propensity = action.Propensity,
            };
            order[i] = CandidateCount++;
        }

        return actions.Count;
    }

    private DecisionAction[] Actions(int count, Func<int, BufferedAction> at)
    {
        var actions = new DecisionAction[count];
        for (var i = 0; i < count; i++)
        {
            var a = at(i);
            actions[i] = new DecisionAction(a.Rank, a.Strategy.Id, a.Strategy.Objective?.Id, a.Strategy.Scenario?.Id,
                a.Strategy.Product.Id, a.Channel.Id, Script(a), a.Score, a.Propensity, a.Wave > 0 ? a.Wave : null, a.Fallback ? true : null);
        }

        return actions;
    }
}
