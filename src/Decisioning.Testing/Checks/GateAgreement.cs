using Decisioning.Evaluation;

namespace Decisioning.Testing.Checks;

/// <summary>
/// The decision's actions and trace against <see cref="GateOracle"/>, which checks every gate on
/// its own: a selected action passes every gate and goes out on the first channel that passes; a
/// rejected strategy fails exactly at the gate its reason code names, having passed every gate before it.
/// </summary>
internal static class GateAgreement
{
    public static string? SelectedPass(MapProperties map, GeneratedCustomer customer)
    {
        var (decision, recheck) = Decide(map, customer);
        var problems = new List<string>();
        var profile = recheck.Profile;
        if (decision.Tier != profile.Tier || decision.Stage != profile.Stage || !decision.Segments.SequenceEqual(profile.Segments))
        {
            problems.Add($"profile: decided tier {decision.Tier}, stage {decision.Stage}, segments [{string.Join(", ", decision.Segments)}]; " +
                $"re-checked tier {profile.Tier}, stage {profile.Stage}, segments [{string.Join(", ", profile.Segments)}]");
        }

        foreach (var action in decision.Actions.Concat(decision.Counterfactual ?? []))
        {
            if (recheck.Of(action.Strategy) is not { } check)
            {
                problems.Add($"{action.Strategy} was selected but the map has no such strategy");
                continue;
            }

            foreach (var gate in check.Gates.Where(g => !g.Passed))
            {
                problems.Add($"{Show.Action(action)} was selected, but re-checked on its own its {gate}");
            }

            if (check.Channel is { } channel && (channel.Id != action.Channel || check.Script != action.Script))
            {
                problems.Add($"{Show.Action(action)} went out on {action.Channel} with script {Quote(action.Script)}, " +
                    $"but the first channel that passes is {channel.Id} with script {Quote(check.Script)} ({check.Gate(ReasonCodes.NoChannel).Detail})");
            }

            if (check.Propensity != action.Propensity)
            {
                problems.Add($"{Show.Action(action)} has propensity {action.Propensity}, re-checked {check.Propensity}");
            }
        }

        return Report("a selected action does not pass every gate when each is checked again on its own", problems, customer, decision);
    }

    public static string? RejectionsFail(MapProperties map, GeneratedCustomer customer)
    {
        var (decision, recheck) = Decide(map, customer);
        var problems = new List<string>();
        foreach (var entry in decision.Trace.Where(t => t.Outcome == TraceEntry.Rejected))
        {
            if (recheck.Of(entry.Strategy) is not { } check)
            {
                problems.Add($"{entry.Strategy} is in the trace but the map has no such strategy");
                continue;
            }

            var first = check.FirstFailure;
            if (entry.Reason is ReasonCodes.Arbitration or ReasonCodes.Policy)
            {
                if (first is not null)
                {
                    problems.Add($"{entry.Strategy} was dropped by {entry.Reason}, which only sees strategies that pass every gate, but its {first}");
                }
            }
            else if (first?.Reason != entry.Reason)
            {
                var named = check.Gates.FirstOrDefault(g => g.Reason == entry.Reason);
                problems.Add($"{entry.Strategy} was rejected for {entry.Reason}, but re-checked gate by gate " +
                    (first is null ? "it passes every gate" : $"its first failing gate is {first}") +
                    (named is null ? "" : $"; {named}"));
            }
        }

        return Report("a rejection does not name the first gate that fails when each is checked again on its own", problems, customer, decision);
    }

    internal static (Decision Decision, Recheck Recheck) Decide(MapProperties map, GeneratedCustomer customer)
    {
        var record = customer.ReadFor(map.Plan);
        return (map.Decide(record, map.At), map.Oracle.Check(record));
    }

    internal static string? Report(string headline, List<string> problems, GeneratedCustomer customer, Decision decision) =>
        problems.Count == 0 ? null : $"{headline}:\n  - {string.Join("\n  - ", problems)}{Show.Evidence(customer, decision)}";

    private static string Quote(string? script) => script is null ? "none" : $"\"{script}\"";
}
