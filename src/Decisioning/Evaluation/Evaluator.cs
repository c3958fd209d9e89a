using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>
/// Decides one customer against a <see cref="DecisionPlan"/>, exactly in the order of spec
/// section 3. Thread-safe: all per-decision state lives in locals.
/// </summary>
public sealed partial class Evaluator(DecisionPlan plan, IReadOnlyList<IDecisionPolicy>? policies = null)
{
    private readonly IReadOnlyList<IDecisionPolicy> _policies = policies ?? [];
    private readonly EvaluationRules _gateRules = EvaluationRules.Spec;
    private readonly GateLayout _layout = GateLayout.For(plan);

    /// <summary>
    /// An evaluator that applies <paramref name="rules"/> instead of the spec's: only mutation tests
    /// build one, to prove the testing kit catches a wrong evaluator (see <see cref="EvaluationRules"/>).
    /// </summary>
    internal Evaluator(DecisionPlan plan, IReadOnlyList<IDecisionPolicy>? policies, EvaluationRules rules)
        : this(plan, policies) => _gateRules = rules;

    public DecisionPlan Plan { get; } = plan;

    /// <summary>The decision for <paramref name="customer"/> at <paramref name="at"/> (UTC).</summary>
    /// <exception cref="DecisionFailedException">Deciding this customer failed; it carries the customer's error record.</exception>
    public Decision Decide(CustomerRecord customer, DateTime at, IExplainRecorder? explain = null)
    {
        var gates = new Gates(_layout, _gateRules, explain, renderScripts: true);
        try
        {
            return DecideWith(gates, customer, at, explain);
        }
        catch (Exception e) when (e is not DecisionFailedException)
        {
            throw DecisionFailedException.For(customer.Id, gates.Current, e);
        }
    }

    private Decision DecideWith(Gates gates, CustomerRecord customer, DateTime at, IExplainRecorder? explain)
    {
        at = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        var frame = new Frame { Customer = customer.Values, Holdings = customer.Holdings };
        var inSegment = new bool[Plan.Segments.Count];
        var segments = new List<string>();
        Profile(_layout, customer, frame, inSegment, segments);
        explain?.Profile(frame);

        gates.Reset(customer, frame, at, inSegment);
        var reasons = new string?[Plan.Strategies.Count];
        var rules = _policies.Count > 0 ? new PolicyNote[Plan.Strategies.Count] : null;
        var waves = new int[Plan.Strategies.Count];
        var suppressedBy = new string?[Plan.Strategies.Count];
        var candidates = new List<Candidate>();
        foreach (var strategy in Plan.Strategies)
        {
            var candidate = gates.Check(strategy, out var reason);
            reasons[strategy.Index] = reason;
            waves[strategy.Index] = gates.Wave;
            suppressedBy[strategy.Index] = gates.Rule;
            if (candidate is not null)
            {
                candidates.Add(candidate);
            }
        }

        var passed = candidates;
        if (rules is not null && candidates.Count > 0)
        {
            // The policy gate runs last and sees every candidate of the decision at once, so that a
            // rule engine can match them together in one session.
            candidates = PolicyGate(customer, frame, at, candidates, reasons, rules, explain);
        }

        if (explain is not null)
        {
            foreach (var strategy in Plan.Strategies)
            {
                var candidate = candidates.Find(c => ReferenceEquals(c.Strategy, strategy)) ??
                    passed.Find(c => ReferenceEquals(c.Strategy, strategy));
                explain.Outcome(strategy, reasons[strategy.Index], candidate);
            }
        }

        // The fallback (spec section 11) is no ordinary candidate: it is returned only when arbitration returns nothing.
        var fallbackIndex = Plan.Arbitration.Fallback;
        var fallback = fallbackIndex >= 0 ? candidates.Find(c => c.Strategy.Index == fallbackIndex) : null;
        if (fallback is not null)
        {
            candidates = candidates.FindAll(c => !ReferenceEquals(c, fallback));
        }

        var model = Arbitration.Select([.. candidates], _gateRules.Limits(Plan.Arbitration), Arbitration.ByScore);
        if (model.Count == 0 && fallback is not null)
        {
            model = [fallback with { Fallback = true }];
        }

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
            var reason = reasons[strategy.Index] ??= model.Exists(c => c.Strategy == strategy) ? null : ReasonCodes.Arbitration;
            var wave = waves[strategy.Index] > 1 ? waves[strategy.Index] : (int?)null;
            trace[strategy.Index] = (reason is null
                ? new TraceEntry(strategy.Id, TraceEntry.Selected, null)
                : rules?[strategy.Index] is { Rule: not null } note
                    ? new TraceEntry(strategy.Id, TraceEntry.Rejected, reason, note.Rule, note.Message, note.Error, wave)
                    : new TraceEntry(strategy.Id, TraceEntry.Rejected, reason, suppressedBy[strategy.Index], Wave: wave)).WithModel(strategy);
        }

        var noAction = ReasonCodes.NoAction(actions.Count, ControlNone(experiment?.Group), reasons);
        return new Decision(customer.Id, Plan.MapId, Plan.Version, at, frame.Tier, frame.Stage, segments,
            experiment, actions, counterfactual, trace, Plan.MapHash, noAction);
    }

    private List<Candidate> PolicyGate(CustomerRecord customer, Frame frame, DateTime at, List<Candidate> candidates,
        string?[] reasons, PolicyNote[] rules, IExplainRecorder? explain)
    {
        var review = new PolicyReview(Plan, customer, at, frame, candidates);
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

        var kept = new List<Candidate>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var strategy = candidate.Strategy;
            if (review.Vetoed(i) is { } rule)
            {
                reasons[strategy.Index] = ReasonCodes.Policy;
                var message = review.VetoMessage(i);
                rules[strategy.Index] = review.VetoWasError(i) ? new PolicyNote(rule, null, message) : new PolicyNote(rule, message, null);
                explain?.Gate(strategy, "policy", false, null, frame, message is null ? rule : $"{rule}: {message}");
                continue;
            }

            var factor = review.Factor(i);
            explain?.Gate(strategy, "policy", true, null, frame, review.Scalers(i));
            // Scaling by exactly 1 keeps the candidate as it was, so that its score stays bit-identical.
            var score = candidate.Score * factor;
            if (!double.IsFinite(score))
            {
                throw new EvaluationFault($"strategy '{strategy.Id}': a policy scaled the score to {score.ToString(System.Globalization.CultureInfo.InvariantCulture)}, not a finite number", ofDecision: true);
            }

            kept.Add(factor == 1.0 ? candidate : candidate with { Score = score });
        }

        return kept;
    }

    // A control-group decision under the policy `none` has no action by design (noAction `control`).
    private bool ControlNone(string? group) =>
        group == ExperimentAssignment.ControlGroup && Plan.Experiment!.Policy == ControlPolicy.None;

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
        ControlPolicy.Priority => Arbitration.Select([.. candidates], _gateRules.Limits(Plan.Arbitration), Arbitration.ByPriority),
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

    /// <summary>The policy verdict behind a <c>policy</c> rejection, for the trace.</summary>
    private readonly record struct PolicyNote(string? Rule, string? Message, string? Error);
}
