using System.Runtime.CompilerServices;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>
/// Decides one customer against a <see cref="DecisionPlan"/>, exactly in the order of spec
/// section 3. Thread-safe: all per-decision state lives in the <see cref="DecisionBuffer"/> it
/// decides into.
/// </summary>
/// <remarks>
/// There is one decision pass (<see cref="Run"/>): every entry point decides into a buffer, and
/// <see cref="Decide"/> copies the buffer into records afterwards. The policy gate and the explain
/// recorder are optional steps of that pass, so a gate, an arbitration rule or a trace field is
/// written once and every caller sees the same decision.
/// </remarks>
public sealed class Evaluator(DecisionPlan plan, IReadOnlyList<IDecisionPolicy>? policies = null)
{
    private readonly IReadOnlyList<IDecisionPolicy> _policies = policies ?? [];
    private readonly EvaluationRules _gateRules = EvaluationRules.Spec;
    private readonly GateLayout _layout = GateLayout.For(plan);

    // The experiment salt's part of every customer's bucket hash, hashed once per plan.
    private readonly uint _saltHash = plan.Experiment is { } e ? ExperimentHash.Salt(e.Salt) : 0;

    // The control group's random pick hashes "random:" + salt + ":" before each id: hashed once per plan too.
    private readonly uint _pickHash = plan.Experiment is { } e ? ExperimentHash.PickPrefix(e.Salt) : 0;

    /// <summary>
    /// An evaluator that applies <paramref name="rules"/> instead of the spec's: only mutation tests
    /// build one, to prove the testing kit catches a wrong evaluator (see <see cref="EvaluationRules"/>).
    /// </summary>
    internal Evaluator(DecisionPlan plan, IReadOnlyList<IDecisionPolicy>? policies, EvaluationRules rules)
        : this(plan, policies) => _gateRules = rules;

    /// <summary>The map this evaluator decides with.</summary>
    public DecisionPlan Plan { get; } = plan;

    /// <summary>The decision for <paramref name="customer"/> at the instant <paramref name="at"/>, as records a caller may keep.</summary>
    /// <remarks>
    /// A <see cref="DateTime"/> converts to <see cref="DateTimeOffset"/> as .NET converts it: a UTC
    /// time as it is, a local or unspecified one at the machine's offset. Pass UTC or an offset.
    /// </remarks>
    /// <param name="customer">The customer's snapshot, read against this evaluator's plan.</param>
    /// <param name="at">The decision time.</param>
    /// <param name="explain">Told every step of the decision, when given; every tried channel's script is then rendered.</param>
    /// <exception cref="DecisionFailedException">Deciding this customer failed; it carries the customer's error record.</exception>
    public Decision Decide(CustomerRecord customer, DateTimeOffset at, Explanation? explain = null)
    {
        var buffer = DecisionBufferPool.Rent(Plan);
        try
        {
            Fill(customer, at.UtcDateTime, buffer, explain);
            return Copy(customer, buffer);
        }
        finally
        {
            DecisionBufferPool.Return(buffer);
        }
    }

    /// <summary>
    /// The decision of <see cref="Decide"/>, written into <paramref name="buffer"/> instead of new
    /// objects: nothing is allocated per call except the scripts a channel with <c>maxLength</c>
    /// must measure and, when policies are registered, what the policies see (see <see cref="DecisionBuffer"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The buffer was made for another plan.</exception>
    /// <exception cref="DecisionFailedException">Deciding this customer failed; it carries the customer's error record.</exception>
    public void DecideInto(CustomerRecord customer, DateTimeOffset at, DecisionBuffer buffer) => Fill(customer, at.UtcDateTime, buffer, explain: null);

    // The pass, its checks and its failure handling: what every entry point runs.
    private void Fill(CustomerRecord customer, DateTime at, DecisionBuffer buffer, IExplainRecorder? explain)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (!ReferenceEquals(buffer.Plan, Plan))
        {
            throw new ArgumentException("the buffer was made for another plan", nameof(buffer));
        }

        ArgumentNullException.ThrowIfNull(customer);

        try
        {
            Run(customer, at, buffer, explain);
            // A script that goes through Fluid may fail for this customer: rendered now, so that a
            // failure is this decision's error record and never a half-written decision line.
            // Text-and-field scripts (ScriptText) cannot fail and stay lazy.
            for (var i = 0; i < buffer.ActionCount; i++)
            {
                PrepareScript(buffer, buffer.Action(i));
            }

            for (var i = 0; i < buffer.CounterfactualCount; i++)
            {
                PrepareScript(buffer, buffer.Counterfactual(i));
            }
        }
        catch (Exception e) when (e is not DecisionFailedException)
        {
            throw DecisionFailedException.For(customer.Id, buffer.Gates.Current, e);
        }
    }

    // The copy out of the buffer renders the remaining (text-and-field) scripts, which cannot fail;
    // a failure here would still be the customer's error record, never an exception of another kind.
    private static Decision Copy(CustomerRecord customer, DecisionBuffer buffer)
    {
        try
        {
            return buffer.ToDecision();
        }
        catch (Exception e) when (e is not DecisionFailedException)
        {
            throw DecisionFailedException.For(customer.Id, buffer.Gates.Current, e);
        }
    }

    private static void PrepareScript(DecisionBuffer buffer, BufferedAction action)
    {
        ref readonly var slot = ref buffer.Candidates[action.Candidate];
        if (slot.Script is null && buffer.Gates.NeedsFluid(slot.Strategy, slot.Choice, slot.Position, slot.Wave))
        {
            buffer.Script(action);
        }
    }

    /// <summary>The decision pass: spec section 3, steps 1-5, with sections 9-11's gates, fallback and noAction; <paramref name="at"/> is UTC.</summary>
    private void Run(CustomerRecord customer, DateTime at, DecisionBuffer buffer, IExplainRecorder? explain)
    {
        buffer.Reset(customer, at, _gateRules, explain);

        // 1. Profile: tier, stage, segments.
        var frame = buffer.Frame;
        frame.Customer = customer.Values;
        frame.Holdings = customer.Holdings;
        frame.Event = null;
        buffer.Gates.StageIndex = Profile(_layout, customer, frame, buffer.InSegment, buffer.SegmentIds);
        explain?.Profile(frame);

        // 2. Gates, strategy by strategy in file order; a strategy that passes becomes a candidate.
        // Without a recorder, strategies aimed only at segments the customer is not in keep their
        // known not-targeted outcome (TargetIndex) and are not run.
        var strategies = _layout.Strategies;
        if (explain is null)
        {
            var targets = _layout.Targets;
            // Spans: Array.Copy's untyped overload checks ranks and lower bounds on every call.
            targets.SkippedReasons.AsSpan(0, strategies.Length).CopyTo(buffer.Reasons);
            targets.SkippedWaves.AsSpan(0, strategies.Length).CopyTo(buffer.Waves);
            targets.Select(buffer.InSegment, buffer.Run);
            var word = 0;
            for (var i = TargetIndex.Next(buffer.Run, ref word); i >= 0; i = TargetIndex.Next(buffer.Run, ref word))
            {
                Consider(i, customer, buffer);
            }
        }
        else
        {
            for (var i = 0; i < strategies.Length; i++)
            {
                Consider(i, customer, buffer);
            }
        }

        // The policy gate runs last and sees every candidate of the decision at once, so that a rule
        // engine can match them together in one session.
        var outcomes = explain is null ? null : new Candidate?[Plan.Strategies.Count];
        if (_policies.Count > 0 && (buffer.CandidateCount > 0 || buffer.FallbackSlot >= 0))
        {
            PolicyGate(customer, at, buffer, explain, outcomes);
        }

        if (explain is not null)
        {
            Outcomes(buffer, explain, outcomes!);
        }

        // 4. Arbitration; the fallback only when it returns nothing.
        var limits = _gateRules.Limits(Plan.Arbitration);
        buffer.ModelCount = Arbitration.Select(buffer, buffer.Model, limits, byScore: true);
        if (buffer.ModelCount == 0 && buffer.FallbackSlot >= 0)
        {
            buffer.Model[0] = buffer.FallbackSlot;
            buffer.ModelCount = 1;
        }

        buffer.Model.AsSpan(0, buffer.ModelCount).CopyTo(buffer.Chosen);
        buffer.ChosenCount = buffer.ModelCount;

        // 5. The experiment: the control group's policy decides its actions, the model's are its counterfactual.
        if (Plan.Experiment is { } e)
        {
            buffer.Bucket = ExperimentHash.Bucket(_saltHash, customer.Id);
            buffer.Group = buffer.Bucket < e.Control ? ExperimentAssignment.ControlGroup : ExperimentAssignment.ModelGroup;
            if (buffer.Group == ExperimentAssignment.ControlGroup)
            {
                buffer.ChosenCount = e.Policy switch
                {
                    ControlPolicy.Priority => Arbitration.Select(buffer, buffer.Chosen, limits, byScore: false),
                    // Candidates sit in file order, the fallback apart, so the pick is by file position.
                    ControlPolicy.Random when buffer.CandidateCount > 0 =>
                        Pick(buffer, ExperimentHash.RandomPick(_pickHash, customer.Id, buffer.CandidateCount)),
                    _ => 0,
                };
            }
        }

        // The trace: a candidate that arbitration dropped says so; the model's choice is selected.
        for (var i = 0; i < buffer.CandidateCount; i++)
        {
            buffer.Reasons[buffer.Candidates[i].Strategy.Index] = ReasonCodes.Arbitration;
        }

        if (buffer.FallbackSlot >= 0)
        {
            buffer.Reasons[buffer.Candidates[buffer.FallbackSlot].Strategy.Index] = ReasonCodes.Arbitration;
        }

        for (var i = 0; i < buffer.ModelCount; i++)
        {
            buffer.Reasons[buffer.Candidates[buffer.Model[i]].Strategy.Index] = null;
        }

        buffer.NoAction = ReasonCodes.NoAction(buffer.ChosenCount, ControlNone(buffer.Group), buffer.Reasons);
    }

    // Strategy `index` through the gates; when it passes, it becomes a candidate with its score.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Consider(int index, CustomerRecord customer, DecisionBuffer buffer)
    {
        var gates = buffer.Gates;
        var reason = gates.Run(index, out var choice, out var script);
        buffer.Reasons[index] = reason;
        buffer.Waves[index] = gates.Wave;
        if (gates.Rule is { } rule)
        {
            buffer.RuleIds[index] = rule;
        }

        if (reason is null)
        {
            ref readonly var row = ref _layout.Rows[index];
            // The fallback waits in the last slot, out of arbitration (spec section 11).
            var fallback = row.IsFallback;
            ref var slot = ref buffer.Candidates[fallback ? buffer.FallbackSlot = buffer.Candidates.Length - 1 : buffer.CandidateCount++];
            slot.Wave = gates.Wave;
            slot.Fallback = fallback;
            slot.Strategy = row.Plan;
            slot.Choice = choice!;
            slot.Position = gates.Position;
            slot.Script = script;
            var frame = buffer.Frame;
            // A constant is its own propensity (ConstantPropensity.Evaluate returns it); a model's
            // failure names the strategy: the gates' current one.
            slot.Propensity = row.Constant ?? row.Propensity.Evaluate(customer, frame.Tier, frame.Stage);
            slot.Score = Gates.Score(row, slot.Propensity);
        }
    }

    /// <summary>
    /// The policies review the candidates (file order, the fallback among them); vetoed ones leave
    /// the buffer with their rule in the trace, scaled ones keep their new score.
    /// </summary>
    private void PolicyGate(CustomerRecord customer, DateTime at, DecisionBuffer buffer, IExplainRecorder? explain, Candidate?[]? outcomes)
    {
        var slots = FileOrder(buffer);
        var candidates = new Candidate[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            // Policies read the candidate's script: rendered here when the gates left it lazy.
            buffer.ScriptOf(slots[i]);
            candidates[i] = AsCandidate(buffer.Candidates[slots[i]]);
        }

        var review = new PolicyReview(Plan, customer, at, buffer.Frame, candidates);
        foreach (var policy in _policies)
        {
            try
            {
                policy.Review(review);
            }
            catch (Exception e)
            {
                throw new EvaluationFault($"policy {policy.GetType().Name} failed: {EvaluationFault.Reason(e)}", e, ofDecision: true);
            }
        }

        var notes = buffer.PolicyNotes;
        var vetoed = new bool[buffer.Candidates.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            ref var slot = ref buffer.Candidates[slots[i]];
            var strategy = slot.Strategy;
            if (review.Vetoed(i) is { } rule)
            {
                vetoed[slots[i]] = true;
                buffer.Reasons[strategy.Index] = ReasonCodes.Policy;
                var message = review.VetoMessage(i);
                notes[strategy.Index] = review.VetoWasError(i) ? new PolicyNote(rule, null, message) : new PolicyNote(rule, message, null);
                explain?.Gate(strategy, "policy", false, null, buffer.Frame, message is null ? rule : $"{rule}: {message}");
                if (outcomes is not null)
                {
                    outcomes[strategy.Index] = candidates[i];
                }

                continue;
            }

            var factor = review.Factor(i);
            explain?.Gate(strategy, "policy", true, null, buffer.Frame, review.Scalers(i));
            // Scaling by exactly 1 keeps the score as it was, bit-identical.
            var score = slot.Score * factor;
            if (!double.IsFinite(score))
            {
                throw new EvaluationFault($"strategy '{strategy.Id}': a policy scaled the score to {score.ToString(System.Globalization.CultureInfo.InvariantCulture)}, not a finite number", ofDecision: true);
            }

            slot.Score = factor == 1.0 ? slot.Score : score;
        }

        // Close the gaps, keeping file order.
        var kept = 0;
        for (var i = 0; i < buffer.CandidateCount; i++)
        {
            if (!vetoed[i])
            {
                buffer.Candidates[kept++] = buffer.Candidates[i];
            }
        }

        buffer.CandidateCount = kept;
        if (buffer.FallbackSlot >= 0 && vetoed[buffer.FallbackSlot])
        {
            buffer.FallbackSlot = -1;
        }
    }

    // The candidates' slots in file order: the ordinary ones, with the fallback's slot put back in its place.
    private static int[] FileOrder(DecisionBuffer buffer)
    {
        var fallback = buffer.FallbackSlot;
        var order = new int[buffer.CandidateCount + (fallback >= 0 ? 1 : 0)];
        var n = 0;
        for (var i = 0; i < buffer.CandidateCount; i++)
        {
            if (fallback >= 0 && buffer.Candidates[fallback].Strategy.Index < buffer.Candidates[i].Strategy.Index)
            {
                order[n++] = fallback;
                fallback = -1;
            }

            order[n++] = i;
        }

        if (fallback >= 0)
        {
            order[n] = fallback;
        }

        return order;
    }

    // The recorder hears each strategy's outcome before arbitration: its reason, and the candidate it
    // became (after the policies, or as the policies saw it when they vetoed it).
    private void Outcomes(DecisionBuffer buffer, IExplainRecorder explain, Candidate?[] outcomes)
    {
        for (var i = 0; i < buffer.CandidateCount; i++)
        {
            outcomes[buffer.Candidates[i].Strategy.Index] = AsCandidate(buffer.Candidates[i]);
        }

        if (buffer.FallbackSlot >= 0)
        {
            outcomes[buffer.Candidates[buffer.FallbackSlot].Strategy.Index] = AsCandidate(buffer.Candidates[buffer.FallbackSlot]);
        }

        foreach (var strategy in Plan.Strategies)
        {
            explain.Outcome(strategy, buffer.Reasons[strategy.Index], outcomes[strategy.Index]);
        }
    }

    private static Candidate AsCandidate(in CandidateSlot slot) =>
        new(slot.Strategy, slot.Choice.Channel, slot.Script, slot.Score, slot.Propensity) { Wave = slot.Wave };

    // A control-group decision under the policy `none` has no action by design (noAction `control`).
    private bool ControlNone(string? group) =>
        group == ExperimentAssignment.ControlGroup && Plan.Experiment!.Policy == ControlPolicy.None;

    /// <summary>
    /// Spec section 3, step 1: the first tier and the first stage whose condition holds, then every
    /// segment the customer is in (in <paramref name="inSegment"/> by index and in
    /// <paramref name="segmentIds"/> in map order, which also becomes the frame's). Returns the
    /// stage's index in the plan, -1 for none.
    /// </summary>
    private static int Profile(GateLayout layout, CustomerRecord customer, Frame frame, bool[] inSegment, List<string> segmentIds)
    {
        frame.Tier = null;
        frame.Stage = null;
        var tiers = layout.Tiers;
        var tier = FirstOf(tiers, frame);
        frame.Tier = tier >= 0 ? tiers[tier].Id : null;
        var stages = layout.Stages;
        var stage = FirstOf(stages, frame);
        frame.Stage = stage >= 0 ? stages[stage].Id : null;
        var segments = layout.Segments;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            inSegment[i] = segment.Members is { } members ? members.Contains(customer.Id) : segment.When!.Test(frame);
            if (inSegment[i])
            {
                segmentIds.Add(segment.Id);
            }
        }

        frame.Segments = segmentIds;
        return stage;
    }

    // The index of the first rule that holds, -1 for none. An index loop over the layout's array:
    // foreach over an IReadOnlyList boxes its enumerator.
    private static int FirstOf(NamedRule[] rules, Frame frame)
    {
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].When.Test(frame))
            {
                return i;
            }
        }

        return -1;
    }

    private static int Pick(DecisionBuffer buffer, int candidate)
    {
        buffer.Chosen[0] = candidate;
        return 1;
    }
}

/// <summary>The policy verdict behind a <c>policy</c> rejection, for the trace.</summary>
internal readonly record struct PolicyNote(string? Rule, string? Message, string? Error);
