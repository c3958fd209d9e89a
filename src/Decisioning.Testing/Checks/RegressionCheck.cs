using Decisioning.Evaluation;

namespace Decisioning.Testing.Checks;

/// <summary>
/// Two versions of a map decide a customer the same way, except for the strategies named as
/// changed: the same profile and experiment assignment, every other strategy stopped at the same
/// gate (or passing them all) in both, and the same actions. When a changed strategy is a
/// candidate in either version, it may push others out in arbitration: then only the actions of
/// unchanged strategies selected in both must agree (all but their rank).
/// </summary>
internal static class RegressionCheck
{
    public static string? Run(MapProperties before, MapProperties after, IReadOnlySet<string> changed, GeneratedCustomer customer)
    {
        var (oldRecord, oldError) = customer.TryRead(before.Plan);
        var (newRecord, newError) = customer.TryRead(after.Plan);
        if (oldRecord is null || newRecord is null)
        {
            return oldError?.Code == newError?.Code ? null
                : $"the snapshot reads differently: before {(oldError is null ? "valid" : $"{oldError.Code}: {oldError.Message}")}, " +
                  $"after {(newError is null ? "valid" : $"{newError.Code}: {newError.Message}")}\ncustomer: {customer.Json}";
        }

        var old = before.Decide(oldRecord, before.At);
        var now = after.Decide(newRecord, after.At);
        var problems = Differences(old, now, changed);
        return problems.Count == 0 ? null
            : $"the versions decide differently outside the strategies named as changed [{string.Join(", ", changed)}]:\n  - " +
              string.Join("\n  - ", problems) + $"\ncustomer: {customer.Json}\n{SideBySide.Format(old, now, changed)}";
    }

    private static List<string> Differences(Decision old, Decision now, IReadOnlySet<string> changed)
    {
        var problems = new List<string>();
        if (old.Tier != now.Tier || old.Stage != now.Stage || !old.Segments.SequenceEqual(now.Segments))
        {
            problems.Add("profile (tier, stage or segments) differs");
        }

        if (old.Experiment != now.Experiment)
        {
            problems.Add("experiment assignment differs");
        }

        var oldTrace = old.Trace.ToDictionary(t => t.Strategy);
        var newTrace = now.Trace.ToDictionary(t => t.Strategy);
        var candidateChanged = false;
        foreach (var id in oldTrace.Keys.Union(newTrace.Keys))
        {
            var (was, @is) = (oldTrace.GetValueOrDefault(id), newTrace.GetValueOrDefault(id));
            var isChanged = changed.Contains(id) || was is null || @is is null;
            candidateChanged |= isChanged && (PassedGates(was) || PassedGates(@is));
            if (changed.Contains(id))
            {
                continue;
            }

            if (was is null || @is is null)
            {
                problems.Add($"{id} is only in the {(was is null ? "new" : "old")} version: name it as changed");
            }
            else if (Gate(was) != Gate(@is))
            {
                problems.Add($"{id}: {Gate(was)} before, {Gate(@is)} after");
            }
        }

        if (!candidateChanged)
        {
            if (!old.Actions.SequenceEqual(now.Actions) || !(old.Counterfactual ?? []).SequenceEqual(now.Counterfactual ?? []))
            {
                problems.Add("the actions differ");
            }
        }
        else
        {
            foreach (var a in (old.Counterfactual ?? old.Actions).Where(a => !changed.Contains(a.Strategy)))
            {
                if ((now.Counterfactual ?? now.Actions).FirstOrDefault(n => n.Strategy == a.Strategy) is { } n && n with { Rank = a.Rank } != a)
                {
                    problems.Add($"{a.Strategy} is selected in both, but as {Show.Action(a)} before and {Show.Action(n)} after");
                }
            }
        }

        return problems;
    }

    private static bool PassedGates(TraceEntry? entry) => entry is not null && entry.Reason is null or ReasonCodes.Arbitration;

    // Selected and dropped-by-arbitration both passed every gate.
    private static string Gate(TraceEntry entry) => PassedGates(entry) ? "passes every gate" : $"rejected for {entry.Reason}";
}
