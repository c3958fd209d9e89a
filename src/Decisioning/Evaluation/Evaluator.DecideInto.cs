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
    public void DecideInto(CustomerRecord customer, DateTime at, DecisionBuffer buffer)
    {
        if (!ReferenceEquals(buffer.Plan, Plan))
        {
            throw new ArgumentException("the buffer was made for another plan", nameof(buffer));
        }

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
        frame.Segments = buffer.SegmentIds;
        frame.Tier = null;
        frame.Stage = null;
        frame.Tier = FirstOf(Plan.Tiers, frame);
        frame.Stage = FirstOf(Plan.Stages, frame);
        for (var i = 0; i < Plan.Segments.Count; i++)
        {
            var segment = Plan.Segments[i];
            buffer.InSegment[i] = segment.Members is { } members ? members.Contains(customer.Id) : segment.When!.Test(frame);
            if (buffer.InSegment[i])
            {
                buffer.SegmentIds.Add(segment.Id);
            }
        }

        var strategies = Plan.Strategies;
        for (var i = 0; i < strategies.Count; i++)
        {
            var s = strategies[i];
            ref var slot = ref buffer.Candidates[buffer.CandidateCount];
            buffer.Reasons[s.Index] = BufferedGates.Run(s, buffer, at, ref slot);
            if (buffer.Reasons[s.Index] is null)
            {
                var weight = s.Objective?.Weight ?? 1.0;
                slot.Strategy = s;
                slot.Propensity = s.Propensity.Evaluate(customer);
                // Spec section 3, step 3, as Gates computes it: left to right, never rounded.
                slot.Score = slot.Propensity * s.Product.Value * weight * s.Priority / 100;
                buffer.CandidateCount++;
            }
        }

        buffer.ModelCount = BufferedArbitration.Select(buffer, buffer.Model, Plan.Arbitration, byScore: true);
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

        for (var i = 0; i < buffer.ModelCount; i++)
        {
            buffer.Reasons[buffer.Candidates[buffer.Model[i]].Strategy.Index] = null;
        }
    }

    // FirstMatch with an index loop: foreach over an IReadOnlyList boxes its enumerator.
    private static string? FirstOf(IReadOnlyList<NamedRule> rules, Frame frame)
    {
        for (var i = 0; i < rules.Count; i++)
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
