using System.Text.Json;
using Decisioning.Plan;

namespace Decisioning.Evaluation;

/// <summary>
/// A decision as the decision line writer (<c>DecisionJson</c>, a layer above) and the copy into records read it, whether it is a <see cref="Decision"/> record
/// or still in a <see cref="DecisionBuffer"/>: one writer serves both, so their lines are equal.
/// Implemented by structs, so that the generic writer is specialised and nothing is boxed.
/// </summary>
internal interface IDecisionView
{
    string CustomerId { get; }
    string Map { get; }
    string Version { get; }
    DateTime At { get; }
    string? Tier { get; }
    string? Stage { get; }
    int SegmentCount { get; }
    bool HasExperiment { get; }
    string ExperimentId { get; }
    double Control { get; }
    string Group { get; }
    double Bucket { get; }
    int ActionCount { get; }
    bool HasCounterfactual { get; }
    int CounterfactualCount { get; }
    int TraceCount { get; }
    string MapHash { get; }
    string? NoAction { get; }

    /// <summary>The plan the view decides with (a buffer's), whose texts a writer may have encoded once; null for a record.</summary>
    DecisionPlan? Plan { get; }

    string Segment(int index);

    ActionLine Action(bool counterfactual, int index);

    TraceLine Trace(int index);

    /// <summary>
    /// True when trace entry <paramref name="index"/> is only its strategy, outcome and
    /// <paramref name="reason"/> (<see cref="TraceLine.IsPlain"/>), told without building the entry.
    /// </summary>
    bool IsPlainTrace(int index, out string? reason);
}

internal readonly record struct ActionLine(
    int Rank, string Strategy, string? Objective, string? Scenario, string Product, string Channel, string? Script, double Score, double Propensity,
    int? Wave = null, bool? Fallback = null);

/// <summary>One trace entry; <see cref="EncodedStrategy"/> is the strategy id already encoded, when the view has it.</summary>
internal readonly record struct TraceLine(
    string Strategy, string Outcome, string? Reason, string? Rule, JsonEncodedText? EncodedStrategy = null, string? Message = null, string? Error = null,
    int? Wave = null, string? Model = null, long? Evidence = null, string? State = null)
{
    /// <summary>Only a strategy, its outcome and maybe a reason code: the same text every time.</summary>
    public bool IsPlain => Rule is null && Message is null && Error is null && Wave is null && Model is null;
}

internal readonly struct RecordView(Decision d) : IDecisionView
{
    public string CustomerId => d.CustomerId;
    public string Map => d.Map;
    public string Version => d.Version;
    public DateTime At => d.At;
    public string? Tier => d.Tier;
    public string? Stage => d.Stage;
    public int SegmentCount => d.Segments.Count;
    public bool HasExperiment => d.Experiment is not null;
    public string ExperimentId => d.Experiment!.Id;
    public double Control => d.Experiment!.Control;
    public string Group => d.Experiment!.Group;
    public double Bucket => d.Experiment!.Bucket;
    public int ActionCount => d.Actions.Count;
    public bool HasCounterfactual => d.Counterfactual is not null;
    public int CounterfactualCount => d.Counterfactual?.Count ?? 0;
    public int TraceCount => d.Trace.Count;
    public string MapHash => d.MapHash;
    public string? NoAction => d.NoAction;
    public DecisionPlan? Plan => null;

    public string Segment(int index) => d.Segments[index];

    public ActionLine Action(bool counterfactual, int index)
    {
        var a = (counterfactual ? d.Counterfactual! : d.Actions)[index];
        return new ActionLine(a.Rank, a.Strategy, a.Objective, a.Scenario, a.Product, a.Channel, a.Script, a.Score, a.Propensity, a.Wave, a.Fallback);
    }

    public TraceLine Trace(int index)
    {
        var t = d.Trace[index];
        return new TraceLine(t.Strategy, t.Outcome, t.Reason, t.Rule, null, t.Message, t.Error, t.Wave, t.Model, t.Evidence, t.State);
    }

    public bool IsPlainTrace(int index, out string? reason)
    {
        reason = null;
        return false;
    }
}

internal readonly struct BufferView(DecisionBuffer b) : IDecisionView
{
    public string CustomerId => b.Customer.Id;
    public string Map => b.Plan.MapId;
    public string Version => b.Plan.Version;
    public DateTime At => b.At;
    public string? Tier => b.Tier;
    public string? Stage => b.Stage;
    public int SegmentCount => b.SegmentIds.Count;
    public bool HasExperiment => b.Plan.Experiment is not null;
    public string ExperimentId => b.Plan.Experiment!.Id;
    public double Control => b.Plan.Experiment!.Control;
    public string Group => b.Group!;
    public double Bucket => b.Bucket;
    public int ActionCount => b.ActionCount;
    public bool HasCounterfactual => b.Group == ExperimentAssignment.ControlGroup;
    public int CounterfactualCount => b.CounterfactualCount;
    public int TraceCount => b.Plan.Strategies.Count;
    public string MapHash => b.Plan.MapHash;
    public string? NoAction => b.NoAction;
    public DecisionPlan? Plan => b.Plan;

    public string Segment(int index) => b.SegmentIds[index];

    public ActionLine Action(bool counterfactual, int index)
    {
        var a = counterfactual ? b.Counterfactual(index) : b.Action(index);
        var s = a.Strategy;
        return new ActionLine(a.Rank, s.Id, s.Objective?.Id, s.Scenario?.Id, s.Product.Id, a.Channel.Id, b.Script(a), a.Score, a.Propensity,
            a.Wave > 0 ? a.Wave : null, a.Fallback ? true : null);
    }

    public TraceLine Trace(int index)
    {
        var reason = b.Reasons[index];
        var layout = b.Gates.Layout;
        var wave = b.Waves[index];
        var adaptive = layout.Strategies[index].Propensity as Plan.AdaptivePropensity;
        // A policy rejection names its rule (and the rule's words); a suppression its rule. The notes
        // and rules are read only for those two reasons: the pass writes them with the reason and
        // never clears them, so another strategy's slot may hold an earlier decision's.
        var note = reason == ReasonCodes.Policy ? b.PolicyNotes[index] : default;
        var rule = note.Rule ?? (reason == ReasonCodes.Suppressed ? b.RuleIds[index] : null);
        return new TraceLine(layout.Strategies[index].Id, reason is null ? TraceEntry.Selected : TraceEntry.Rejected, reason,
            rule, layout.EncodedStrategyIds[index], note.Message, note.Error,
            Wave: reason is not null && wave > 1 ? wave : null, Model: adaptive?.Model.ModelId, Evidence: adaptive?.Evidence,
            State: adaptive?.Model.StateVersion);
    }

    // What Trace(index).IsPlain says, or false when unsure (a policy or suppression rejection, an adaptive model).
    public bool IsPlainTrace(int index, out string? reason)
    {
        reason = b.Reasons[index];
        return reason != ReasonCodes.Policy && reason != ReasonCodes.Suppressed && (reason is null || b.Waves[index] <= 1) &&
            b.Gates.Layout.Strategies[index].Propensity is not AdaptivePropensity;
    }
}
