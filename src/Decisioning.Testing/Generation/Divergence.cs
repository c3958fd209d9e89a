using Decisioning.Plan;
using Decisioning.Testing.Checks;
using FsCheck;
using FsCheck.Fluent;

namespace Decisioning.Testing.Generation;

/// <summary>
/// Customers on whom versions of a map part ways. A changed threshold only shows for a customer
/// who has the value on its edge and also gets as far as the changed gate (targeted, in the
/// scenario, the earlier gates passed); drawn blindly, that is a few customers in a hundred. So
/// when two or more versions are generated for, half the customers are the first of eight draws
/// on which the versions' gates disagree: another profile (tier, stage, segments), or a strategy
/// stopped at another gate. The gates are judged by each version's <see cref="GateOracle"/>, never
/// by the evaluator under test.
/// </summary>
internal static class Divergence
{
    private const int Draws = 8;

    /// <summary>Half <paramref name="customers"/>, half the first of eight <paramref name="plain"/> draws on which the versions part.</summary>
    public static Gen<GeneratedCustomer> Mix(Gen<GeneratedCustomer> customers, Gen<GeneratedCustomer> plain, IReadOnlyList<DecisionPlan> versions, DateTime at)
    {
        // The same map twice (a property that checks a version against itself) has nothing to part on.
        if (versions.Count < 2 || versions.All(v => v.MapHash == versions[0].MapHash))
        {
            return customers;
        }

        var oracles = versions.Select(v => (Plan: v, Oracle: new GateOracle(v, at))).ToList();
        var parted = Gen.ArrayOf(plain, Draws).Select(drawn => Array.Find(drawn, c => Parts(c, oracles)) ?? drawn[0]);
        return Gen.Frequency((1, customers), (1, parted));
    }

    private static bool Parts(GeneratedCustomer customer, IReadOnlyList<(DecisionPlan Plan, GateOracle Oracle)> oracles)
    {
        string? first = null;
        foreach (var (plan, oracle) in oracles)
        {
            if (customer.TryRead(plan).Customer is not { } record)
            {
                return false;
            }

            var gates = Gates(oracle.FirstFailures(record));
            if (first is null)
            {
                first = gates;
            }
            else if (gates != first)
            {
                return true;
            }
        }

        return false;
    }

    // The profile and, for each strategy, the gate it stops at (or none), as one comparable line.
    private static string Gates(Recheck check) =>
        $"{check.Profile.Tier}|{check.Profile.Stage}|{string.Join(",", check.Profile.Segments)}|" +
        string.Join(";", check.Strategies.Select(s => $"{s.Strategy.Id}:{s.FirstFailure?.Reason}"));
}
