using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

public sealed partial class Evaluator
{
    /// <summary>
    /// The decision of <see cref="Decide"/>, written into <paramref name="buffer"/> instead of new
    /// objects: with no policy registered, nothing is allocated per call except the scripts a
    /// channel with <c>maxLength</c> must measure (see <see cref="DecisionBuffer"/>). With policies
    /// it decides through <see cref="Decide"/> and copies the result, so both paths always agree.
    /// </summary>
    /// <exception cref="ArgumentException">The buffer was made for another plan.</exception>
    /// <exception cref="DecisionFailedException">Deciding this customer failed; it carries the customer's error record.</exception>
    public void DecideInto(CustomerRecord customer, DateTime at, DecisionBuffer buffer)
    {
        if (!ReferenceEquals(buffer.Plan, Plan))
        {
            throw new ArgumentException("the buffer was made for another plan", nameof(buffer));
        }

        try
        {
            DecideIntoBuffer(customer, at, buffer);
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

    private static void PrepareScript(DecisionBuffer buffer, BufferedAction action)
    {
        ref readonly var slot = ref buffer.Candidates[action.Candidate];
        if (slot.Script is null && buffer.Gates.NeedsFluid(slot.Strategy, slot.Choice, slot.Wave))
        {
            buffer.Script(action);
        }
    }

    private void DecideIntoBuffer(CustomerRecord customer, DateTime at, DecisionBuffer buffer)
    {
        at = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        buffer.Reset(customer, at);
        if (_policies.Count > 0 || !ReferenceEquals(_gateRules, EvaluationRules.Spec))
        {
            buffer.CopyFrom(Decide(customer, at));
            return;
        }

        var frame = buffer.Frame;
        frame.Customer = customer.Values;
        frame.Holdings = customer.Holdings;
        frame.Event = null;
        Profile(_layout, customer, frame, buffer.InSegment, buffer.SegmentIds);

        var gates = buffer.Gates;
        var strategies = _layout.Strategies;
        for (var i = 0; i < strategies.Length; i++)
        {
            var s = strategies[i];
            var reason = gates.Run(s, out var choice, out var script);
            buffer.Reasons[s.Index] = reason;
            buffer.Waves[s.Index] = gates.Wave;
            buffer.RuleIds[s.Index] = gates.Rule;
            if (reason is null)
            {
                // The fallback waits in the last slot, out of arbitration (spec section 11).
                var fallback = s.Index == Plan.Arbitration.Fallback;
                ref var slot = ref buffer.Candidates[fallback ? buffer.FallbackSlot = buffer.Candidates.Length - 1 : buffer.CandidateCount++];
                slot.Wave = gates.Wave;
                slot.Fallback = fallback;
                slot.Strategy = s;
                slot.Choice = choice!;
                slot.Script = script;
                slot.Propensity = s.Propensity.Evaluate(customer, frame.Tier, frame.Stage); // a failure here names s: the gates' current strategy
                slot.Score = Gates.Score(s, slot.Propensity);
            }
        }

        buffer.ModelCount = BufferedArbitration.Select(buffer, buffer.Model, Plan.Arbitration, byScore: true);
        if (buffer.ModelCount == 0 && buffer.FallbackSlot >= 0)
        {
            buffer.Model[0] = buffer.FallbackSlot;
            buffer.ModelCount = 1;
        }

        for (var i = 0; i < buffer.ModelCount; i++)
        {
            buffer.Chosen[i] = buffer.Model[i];
        }

        buffer.ChosenCount = buffer.ModelCount;
        if (Plan.Experiment is { } e)
        {
            buffer.Bucket = ExperimentHash.Bucket(e.Salt, customer.Id);
            buffer.Group = buffer.Bucket < e.Control ? ExperimentAssignment.ControlGroup : ExperimentAssignment.ModelGroup;
            if (buffer.Group == ExperimentAssignment.ControlGroup)
            {
                buffer.ChosenCount = e.Policy switch
                {
                    ControlPolicy.Priority => BufferedArbitration.Select(buffer, buffer.Chosen, Plan.Arbitration, byScore: false),
                    ControlPolicy.Random when buffer.CandidateCount > 0 =>
                        Pick(buffer, ExperimentHash.RandomPick(e.Salt, customer.Id, buffer.CandidateCount)),
                    _ => 0,
                };
            }
        }

        // The trace: a candidate that arbitration dropped says so.
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

    /// <summary>
    /// Spec section 3, step 1, shared by both paths: the first tier and the first stage whose
    /// condition holds, then every segment the customer is in (in <paramref name="inSegment"/> by
    /// index and in <paramref name="segmentIds"/> in map order, which also becomes the frame's).
    /// </summary>
    private static void Profile(GateLayout layout, CustomerRecord customer, Frame frame, bool[] inSegment, List<string> segmentIds)
    {
        frame.Tier = null;
        frame.Stage = null;
        frame.Tier = FirstOf(layout.Tiers, frame);
        frame.Stage = FirstOf(layout.Stages, frame);
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
    }

    // An index loop over the layout's array: foreach over an IReadOnlyList boxes its enumerator.
    private static string? FirstOf(NamedRule[] rules, Frame frame)
    {
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].When.Test(frame))
            {
                return rules[i].Id;
            }
        }

        return null;
    }

    // Candidates sit in file order, as Decide's list does, so the pick is the same candidate.
    private static int Pick(DecisionBuffer buffer, int candidate)
    {
        buffer.Chosen[0] = candidate;
        return 1;
    }
}
