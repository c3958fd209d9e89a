using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>
/// A reusable decision for <see cref="Evaluator.DecideInto"/>: every array a decision needs, sized
/// for one plan and overwritten by each call, so that a host deciding in a loop allocates nothing
/// per customer. Read it before the next call; <see cref="ToDecision"/> copies it out.
/// </summary>
/// <remarks>
/// Not thread-safe: use one buffer per thread. Scripts are rendered lazily by <see cref="Script"/>
/// (Liquid rendering allocates). A channel's <c>maxLength</c> is checked without rendering for
/// scripts of text and plain string outputs (<see cref="ScriptText"/>); any other script is
/// rendered to be measured, and that allocates.
/// </remarks>
public sealed partial class DecisionBuffer
{
    internal readonly Frame Frame = new();
    internal readonly bool[] InSegment;
    internal readonly List<string> SegmentIds;
    internal readonly CandidateSlot[] Candidates;
    internal readonly int[] Model, Chosen, Scratch;
    internal readonly string?[] Reasons;

    /// <summary>
    /// Per strategy: the wave it was decided as (0 without waves), and the suppression rule that
    /// rejected it (valid only where <see cref="Reasons"/> says <c>suppressed</c>).
    /// </summary>
    internal readonly int[] Waves;
    internal readonly string?[] RuleIds;

    /// <summary>The strategies this decision runs the gates of (<see cref="TargetIndex"/>), as a bit set.</summary>
    internal readonly ulong[] Run;
    internal int CandidateCount, ModelCount, ChosenCount;

    /// <summary>The slot of the arbitration fallback when it passed its gates, else -1.</summary>
    internal int FallbackSlot = -1;
    internal readonly Gates Gates;

    /// <summary>Per strategy: the policy verdict behind a <c>policy</c> rejection (valid only where <see cref="Reasons"/> says <c>policy</c>).</summary>
    internal readonly PolicyNote[] PolicyNotes;

    /// <summary>A buffer sized for <paramref name="plan"/>; reuse it for many decisions with that plan, on one thread at a time.</summary>
    public DecisionBuffer(DecisionPlan plan)
    {
        Plan = plan;
        InSegment = new bool[plan.Segments.Count];
        SegmentIds = new List<string>(plan.Segments.Count);
        // One slot per strategy, the last kept for the fallback (it never also sits among the others).
        Candidates = new CandidateSlot[Math.Max(1, plan.Strategies.Count)];
        Model = new int[plan.Strategies.Count];
        Chosen = new int[plan.Strategies.Count];
        Scratch = new int[plan.Strategies.Count];
        Reasons = new string?[plan.Strategies.Count];
        Waves = new int[plan.Strategies.Count];
        RuleIds = new string?[plan.Strategies.Count];
        PolicyNotes = new PolicyNote[plan.Strategies.Count];
        Gates = new Gates(GateLayout.For(plan));
        Run = new ulong[Gates.Layout.Targets.Words];
    }

    /// <summary>The plan this buffer is sized for; <see cref="Evaluator.DecideInto"/> checks it is the evaluator's.</summary>
    public DecisionPlan Plan { get; }

    /// <summary>The customer of the last decision.</summary>
    public CustomerRecord Customer { get; private set; } = null!;

    /// <summary>The time (UTC) of the last decision.</summary>
    public DateTime At { get; private set; }

    /// <summary>The customer's tier id, or null when no tier matched.</summary>
    public string? Tier => Frame.Tier;

    /// <summary>The customer's lifecycle stage id, or null when no stage matched.</summary>
    public string? Stage => Frame.Stage;

    /// <summary>The segments the customer is in, in map order (the buffer's own list: copy it to keep it).</summary>
    public IReadOnlyList<string> Segments => SegmentIds;

    /// <summary>The experiment group, <see cref="ExperimentAssignment.ModelGroup"/> or <c>ControlGroup</c>; null without an experiment.</summary>
    public string? Group { get; internal set; }

    /// <summary>The customer's experiment bucket, as <see cref="ExperimentAssignment.Bucket"/>; meaningful only when <see cref="Group"/> is set.</summary>
    public double Bucket { get; internal set; }

    /// <summary>Why there is no action (spec section 11), null when there is one.</summary>
    public string? NoAction { get; internal set; }

    /// <summary>The actions to take, ranked (in the control group: what its policy returns).</summary>
    public int ActionCount => ChosenCount;

    /// <summary>The model's choice returned alongside the control group's actions; 0 in the model group.</summary>
    public int CounterfactualCount => Group == ExperimentAssignment.ControlGroup ? ModelCount : 0;

    internal BufferedAction Action(int rank) => Slot(Chosen, ChosenCount, rank);

    internal BufferedAction Counterfactual(int rank) => Slot(Model, CounterfactualCount, rank);

    /// <summary>The trace of a strategy (by its index): null when selected, else its reason code.</summary>
    public string? Reason(int strategyIndex) => Reasons[strategyIndex];

    /// <summary>The rendered script of an action (null when its channel has none). Allocates on first access.</summary>
    internal string? Script(BufferedAction action) => ScriptOf(action.Candidate);

    /// <summary>The rendered script of the candidate in slot <paramref name="candidate"/>, rendered on first access.</summary>
    internal string? ScriptOf(int candidate)
    {
        ref var slot = ref Candidates[candidate];
        if (slot.Script is null && slot.Choice.Script is not null)
        {
            slot.Script = Gates.RenderScript(slot.Strategy, slot.Choice, slot.Position, slot.Wave);
        }

        return slot.Script;
    }

    internal void Reset(CustomerRecord customer, DateTime at, EvaluationRules rules, IExplainRecorder? explain)
    {
        Customer = customer;
        At = at;
        CandidateCount = ModelCount = ChosenCount = 0;
        FallbackSlot = -1;
        // Not cleared: Waves (the decision pass writes every strategy's, run or from TargetIndex's
        // template), RuleIds and PolicyNotes (written with a suppressed or policy reason, and read
        // only for it): clearing them cost every decision, with or without rules and policies.
        Group = null;
        Bucket = 0;
        NoAction = null;
        SegmentIds.Clear();
        Gates.Reset(customer, Frame, at, InSegment, rules, explain);
    }

    private BufferedAction Slot(int[] order, int count, int rank)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, count);
        ref readonly var slot = ref Candidates[order[rank]];
        return new BufferedAction(rank + 1, order[rank], slot.Strategy, slot.Choice.Channel, slot.Score, slot.Propensity, slot.Wave, slot.Fallback);
    }
}

/// <summary>A strategy that passed every gate, as a buffer keeps it (its script rendered only if measured).</summary>
internal struct CandidateSlot
{
    public StrategyPlan Strategy;
    public ChannelChoice Choice;
    public string? Script;
    public double Score;
    public double Propensity;

    /// <summary>The wave the strategy was decided as (0 without waves).</summary>
    public int Wave;

    /// <summary>The position of <see cref="Choice"/> in its wave's channel list (its script is found by it).</summary>
    public int Position;

    /// <summary>Whether it is the arbitration fallback.</summary>
    public bool Fallback;
}

/// <summary>One ranked action of a <see cref="DecisionBuffer"/>; its script comes from <see cref="DecisionBuffer.Script"/>.</summary>
internal readonly record struct BufferedAction(
    int Rank, int Candidate, StrategyPlan Strategy, ChannelPlan Channel, double Score, double Propensity, int Wave = 0, bool Fallback = false);
