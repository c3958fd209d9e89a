using Decisioning.Runtime;
using System.Runtime.CompilerServices;
using Decisioning.Plan;
using Decisioning.Snapshots;
using Decisioning.Testing.Generation;
using FsCheck;
using FsCheck.Fluent;

namespace Decisioning.Testing;

/// <summary>
/// FsCheck arbitraries of customers built from a map's own schema: every declared field of its
/// type (optional fields sometimes null), holdings from its products, events of its declared types
/// inside and outside each scenario's window, contacts on its channels and strategies around each
/// contact policy's and cooldown's edges. Numbers are drawn around the constants of the map's
/// expressions, strings from the literals they compare with, ids from its named lists, so that
/// every gate goes both ways; half the customers are picked for arbitration pressure (several
/// candidates competing for a product or channel). Shrinking keeps customers valid and moves
/// toward the plainest one.
/// </summary>
/// <remarks>
/// The arbitraries are immutable and thread-safe; generation is deterministic for an FsCheck seed.
/// </remarks>
public static class MapArbitraries
{
    // Each snapshot handed out by Snapshots remembers its customer, so that it can be shrunk.
    private static readonly ConditionalWeakTable<CustomerSnapshot, GeneratedCustomer> Origins = new();

    /// <summary>Customers valid for <paramref name="plan"/>, to be decided at <paramref name="at"/> (UTC).</summary>
    public static Arbitrary<GeneratedCustomer> For(DecisionPlan plan, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return For([plan], at);
    }

    /// <summary>
    /// Customers valid for every one of <paramref name="versions"/> (several versions of one map):
    /// the union of their fields, a field required when any version requires it, and the constants
    /// of every version's expressions. What differs between the versions is weighted: half the
    /// values of a field compared in a changed expression are that expression's edges (and likewise
    /// changed literals and window lengths), and half the customers are ones on whom the versions'
    /// gates disagree, so that a one-unit shift of a threshold is found within 100 tests.
    /// </summary>
    /// <exception cref="ArgumentException">No version given.</exception>
    public static Arbitrary<GeneratedCustomer> For(IReadOnlyList<DecisionPlan> versions, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(versions);
        if (versions.Count == 0)
        {
            throw new ArgumentException("at least one map version is needed", nameof(versions));
        }

        var schema = MapSchema.From(versions, Instant.Utc(at));
        var plain = CustomerGen.For(schema);
        var customers = Divergence.Mix(Pressure.Mix(plain, versions[^1], schema.At), plain, versions, schema.At);
        return Arb.From(customers, customer => CustomerShrinker.Shrink(customer, schema));
    }

    /// <summary>
    /// The same customers as <see cref="For(DecisionPlan, DateTime)"/>, as the
    /// <see cref="CustomerSnapshot"/> a host passes to the engine. A failing property then prints the
    /// snapshot's type rather than its JSON; prefer <see cref="For(DecisionPlan, DateTime)"/> and
    /// <see cref="GeneratedCustomer.Snapshot"/> where the counterexample is to be read.
    /// </summary>
    public static Arbitrary<CustomerSnapshot> Snapshots(DecisionPlan plan, DateTime at) =>
        Arb.Convert(For(plan, at), Remember, snapshot => Origins.TryGetValue(snapshot, out var customer)
            ? customer
            : throw new ArgumentException("not a snapshot of this arbitrary", nameof(snapshot)));

    private static CustomerSnapshot Remember(GeneratedCustomer customer)
    {
        var snapshot = customer.Snapshot;
        Origins.AddOrUpdate(snapshot, customer);
        return snapshot;
    }
}
