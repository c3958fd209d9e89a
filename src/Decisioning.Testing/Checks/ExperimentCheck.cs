using System.Globalization;
using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Testing.Checks;

/// <summary>
/// Spec section 3, step 5, over many customers made from one generated customer by giving it
/// fresh ids: every bucket is GrowthBook's hash (version 2, recomputed here), the group follows
/// from the bucket, the control group gets what its policy allows with the model's choice as
/// counterfactual, and the share in control is within a tolerance of the configured share.
/// </summary>
internal static class ExperimentCheck
{
    public static string? Run(MapProperties map, GeneratedCustomer template, int customers, double tolerance)
    {
        var record = template.ReadFor(map.Plan);
        var problems = new List<string>();
        var inControl = 0;
        for (var i = 0; i < customers && problems.Count < 5; i++)
        {
            var id = $"{template.Id}-{i}";
            var decision = map.Decide(new CustomerRecord(id, record.Values, record.Holdings, record.Events, record.Contacts), map.At);
            problems.AddRange(Problems(map.Plan, decision, id));
            inControl += decision.Experiment?.Group == ExperimentAssignment.ControlGroup ? 1 : 0;
        }

        if (map.Plan.Experiment is { } experiment && problems.Count == 0)
        {
            var share = (double)inControl / customers;
            if (Math.Abs(share - experiment.Control) > tolerance)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{inControl} of {customers} customers (ids {template.Id}-0 .. {template.Id}-{customers - 1}) are in control: share {share:0.####}, configured {experiment.Control} ± {tolerance}"));
            }
        }

        return problems.Count == 0 ? null
            : $"the experiment split is wrong:\n  - {string.Join("\n  - ", problems)}\ncustomer (ids varied): {template.Json}";
    }

    private static IEnumerable<string> Problems(DecisionPlan plan, Decision decision, string id)
    {
        var e = decision.Experiment;
        if (plan.Experiment is not { } experiment)
        {
            if (e is not null || decision.Counterfactual is not null)
            {
                yield return $"{id}: the map has no experiment, but the decision has {(e is null ? "a counterfactual" : $"experiment {e.Id}")}";
            }

            yield break;
        }

        if (e is null)
        {
            yield return $"{id}: the map has experiment {experiment.Id}, but the decision has none";
            yield break;
        }

        var bucket = GrowthBookHash.Bucket(experiment.Salt, id);
        var group = bucket < experiment.Control ? ExperimentAssignment.ControlGroup : ExperimentAssignment.ModelGroup;
        if (e.Id != experiment.Id || e.Control != experiment.Control || Math.Abs(e.Bucket - bucket) > 1e-12 || e.Group != group)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{id}: experiment {e.Id}, bucket {e.Bucket}, group {e.Group}, control {e.Control}; expected {experiment.Id}, bucket {bucket}, group {group}, control {experiment.Control}");
        }

        if (e.Group == ExperimentAssignment.ModelGroup)
        {
            if (decision.Counterfactual is not null)
            {
                yield return $"{id}: in the model group, but the decision has a counterfactual";
            }

            yield break;
        }

        if (decision.Counterfactual is null)
        {
            yield return $"{id}: in the control group, but the model's choice is not given as counterfactual";
        }

        foreach (var problem in ControlChoice(plan, experiment.Policy, decision))
        {
            yield return $"{id}: {problem}";
        }
    }

    private static IEnumerable<string> ControlChoice(DecisionPlan plan, ControlPolicy policy, Decision decision)
    {
        var actions = decision.Actions;
        var candidates = decision.Trace.Where(t => t.Reason is null or ReasonCodes.Arbitration).Select(t => t.Strategy).ToHashSet();
        if (actions.Any(a => !candidates.Contains(a.Strategy)))
        {
            yield return $"control ({policy}) returns [{string.Join("; ", actions.Select(Show.Action))}], not all of them candidates";
        }

        var limit = policy switch
        {
            ControlPolicy.None => 0,
            ControlPolicy.Random => 1,
            _ => plan.Arbitration.MaxActions,
        };
        if (actions.Count > limit)
        {
            yield return $"control ({policy}) returns {actions.Count} actions, at most {limit} allowed";
        }

        if (policy == ControlPolicy.Priority)
        {
            var problems = new List<string>();
            ArbitrationCheck.Distinct(plan.Arbitration.OnePerProduct, "product", actions, a => a.Product, problems);
            ArbitrationCheck.Distinct(plan.Arbitration.OnePerChannel, "channel", actions, a => a.Channel, problems);
            foreach (var problem in problems)
            {
                yield return $"control (priority): {problem}";
            }
        }
    }
}
