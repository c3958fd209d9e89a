using Decisioning.Plan;
using Decisioning.Testing.Checks;
using FsCheck;
using FsCheck.Fluent;

namespace Decisioning.Testing.Generation;

/// <summary>
/// Customers that put arbitration under pressure. Drawn blindly, most customers pass the gates of
/// one or two strategies, and arbitration's limits rarely matter; so half the customers are the
/// one of four draws with the most strategies through every gate, counting twice each pair that
/// competes for a product or channel the limits allow once. The gates are judged by
/// <see cref="GateOracle"/>, never by the evaluator under test.
/// </summary>
internal static class Pressure
{
    public static Gen<GeneratedCustomer> Mix(Gen<GeneratedCustomer> plain, DecisionPlan plan, DateTime at)
    {
        var oracle = new GateOracle(plan, at);
        var pressed = Gen.ArrayOf(plain, 4).Select(four => four.MaxBy(c => Of(c, plan, oracle))!);
        return Gen.Frequency((1, plain), (1, pressed));
    }

    private static int Of(GeneratedCustomer customer, DecisionPlan plan, GateOracle oracle)
    {
        if (customer.TryRead(plan).Customer is not { } record)
        {
            return 0;
        }

        var candidates = oracle.Candidates(record).ToList();
        var limits = plan.Arbitration;
        var conflicts = candidates.SelectMany((a, i) => candidates.Skip(i + 1).Where(b =>
            (limits.OnePerProduct && a.Strategy.Product.Id == b.Strategy.Product.Id) ||
            (limits.OnePerChannel && a.Channel == b.Channel))).Count();
        return candidates.Count + (2 * conflicts);
    }
}
