using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>
/// Decides one customer against a <see cref="DecisionPlan"/>, exactly in the order of spec
/// section 3. Thread-safe: all per-decision state lives in locals.
/// </summary>
public sealed class Evaluator(DecisionPlan plan, IReadOnlyList<IDecisionPolicy>? policies = null)
{
    private readonly IReadOnlyList<IDecisionPolicy> _policies = policies ?? [];

    public DecisionPlan Plan { get; } = plan;

    /// <summary>The decision for <paramref name="customer"/> at <paramref name="at"/> (UTC).</summary>
    public Decision Decide(CustomerRecord customer, DateTime at, IExplainRecorder? explain = null)
    {
        at = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        var frame = new Frame { Customer = customer.Values, Holdings = customer.Holdings };
        frame.Tier = FirstMatch(Plan.Tiers, frame);
        frame.Stage = FirstMatch(Plan.Stages, frame);
        var inSegment = new bool[Plan.Segments.Count];
        var segments = new List<string>();
        for (var i = 0; i < Plan.Segments.Count; i++)
        {
            var segment = Plan.Segments[i];
            inSegment[i] = segment.Members is { } members ? members.Contains(customer.Id) : segment.When!.Test(frame);
            if (inSegment[i])
            {
                segments.Add(segment.Id);
            }
        }

        frame.Segments = segments;
        explain?.Profile(frame);

        var gates = new Gates(Plan, customer, frame, at, explain);
        var reasons = new string?[Plan.Strategies.Count];
        var candidates = new List<Candidate>();
        foreach (var strategy in Plan.Strategies)
        {
            var candidate = gates.Check(strategy, inSegment, out var reason);
            if (candidate is not null)
            {
                reason = PolicyVeto(customer, candidate, at);
            }

            reasons[strategy.Index] = reason;
            if (reason is null)
            {
                candidates.Add(candidate!);
            }

            explain?.Outcome(strategy, reason, candidate);
        }

        var model = Arbitration.Select([.. candidates], Plan.Arbitration, Arbitration.ByScore);
        var experiment = Assign(customer.Id);
        IReadOnlyList<DecisionAction> actions = Ranked(model);
        IReadOnlyList<DecisionAction>? counterfactual = null;
        if (experiment?.Group == ExperimentAssignment.ControlGroup)
        {
            counterfactual = actions;
            actions = Ranked(ControlChoice(candidates, customer.Id));
        }

        var trace = new TraceEntry[Plan.Strategies.Count];
        foreach (var strategy in Plan.Strategies)
        {
            var reason = reasons[strategy.Index] ?? (model.Exists(c => c.Strategy == strategy) ? null : ReasonCodes.Arbitration);
            trace[strategy.Index] = reason is null
                ? new TraceEntry(strategy.Id, TraceEntry.Selected, null)
                : new TraceEntry(strategy.Id, TraceEntry.Rejected, reason);
        }

        return new Decision(customer.Id, Plan.MapId, Plan.Version, at, frame.Tier, frame.Stage, segments,
            experiment, actions, counterfactual, trace);
    }

    private string? PolicyVeto(CustomerRecord customer, Candidate candidate, DateTime at)
    {
        foreach (var policy in _policies)
        {
            if (!policy.Allows(customer, candidate, at))
            {
                return ReasonCodes.Policy;
            }
        }

        return null;
    }

    private static string? FirstMatch(IReadOnlyList<NamedRule> rules, Frame frame)
    {
        foreach (var rule in rules)
        {
            if (rule.When.Test(frame))
            {
                return rule.Id;
            }
        }

        return null;
    }

    private ExperimentAssignment? Assign(string customerId)
    {
        if (Plan.Experiment is not { } e)
        {
            return null;
        }

        var bucket = ExperimentHash.Bucket(e.Salt, customerId);
        var group = bucket < e.Control ? ExperimentAssignment.ControlGroup : ExperimentAssignment.ModelGroup;
        return new ExperimentAssignment(e.Id, group, bucket, e.Control);
    }

    private List<Candidate> ControlChoice(List<Candidate> candidates, string customerId) => Plan.Experiment!.Policy switch
    {
        ControlPolicy.Priority => Arbitration.Select([.. candidates], Plan.Arbitration, Arbitration.ByPriority),
        ControlPolicy.Random when candidates.Count > 0 =>
            [candidates[ExperimentHash.RandomPick(Plan.Experiment.Salt, customerId, candidates.Count)]],
        _ => [],
    };

    private static DecisionAction[] Ranked(List<Candidate> chosen)
    {
        var actions = new DecisionAction[chosen.Count];
        for (var i = 0; i < chosen.Count; i++)
        {
            actions[i] = chosen[i].ToAction(i + 1);
        }

        return actions;
    }
}
