using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Runtime;
using Decisioning.Testing.Checks;
using FsCheck;
using FsCheck.Fluent;

namespace Decisioning.Testing;

/// <summary>
/// Ready-made FsCheck properties of one map decided at one time, each a line in a test:
/// <code>
/// [Property] public Property Deterministic() => MapProperties.For(plan, at).Deterministic();
/// </code>
/// or <c>Check.QuickThrowOnFailure(property)</c> outside FsCheck.Xunit.
/// A failing property shows the shrunk customer as snapshot JSON and what went wrong with its decision.
/// </summary>
/// <remarks>
/// The decide function is the engine's <see cref="Evaluator"/> unless another is given (a host's
/// evaluator with policies, or a deliberately wrong one). Instances are immutable and thread-safe
/// when the decide function is.
/// </remarks>
public sealed class MapProperties
{
    private MapProperties(DecisionPlan plan, DateTime at, Func<CustomerRecord, DateTime, Decision> decide, Arbitrary<GeneratedCustomer>? customers)
    {
        Plan = plan;
        At = Instant.Utc(at);
        Decide = decide;
        Customers = customers ?? MapArbitraries.For(plan, At);
        Oracle = new GateOracle(plan, At);
    }

    /// <summary>The map the properties are checked on.</summary>
    public DecisionPlan Plan { get; }

    /// <summary>The decision time (UTC).</summary>
    public DateTime At { get; }

    /// <summary>The customers the properties run over: <see cref="MapArbitraries.For(DecisionPlan, DateTime)"/> unless replaced.</summary>
    public Arbitrary<GeneratedCustomer> Customers { get; }

    internal Func<CustomerRecord, DateTime, Decision> Decide { get; }

    internal GateOracle Oracle { get; }

    /// <summary>Properties of <paramref name="plan"/> decided by the engine at <paramref name="at"/>.</summary>
    public static MapProperties For(DecisionPlan plan, DateTime at) => For(new Evaluator(plan), at);

    /// <summary>Properties of <paramref name="evaluator"/>'s map, decided by it (with its policies).</summary>
    public static MapProperties For(Evaluator evaluator, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        return new(evaluator.Plan, at, (customer, when) => evaluator.Decide(customer, when), null);
    }

    /// <summary>Properties of <paramref name="plan"/> decided by <paramref name="decide"/>.</summary>
    public static MapProperties For(DecisionPlan plan, DateTime at, Func<CustomerRecord, DateTime, Decision> decide)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(decide);
        return new(plan, at, decide, null);
    }

    /// <summary>The same properties over other customers (a filtered or hand-made arbitrary).</summary>
    public MapProperties WithCustomers(Arbitrary<GeneratedCustomer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return new(Plan, At, Decide, customers);
    }

    /// <summary>The same map, snapshot and time always give the same decision (spec section 3, step 6).</summary>
    public Property Deterministic() => ForAll(c => DeterminismCheck.Run(this, c));

    /// <summary>
    /// Every selected action (and counterfactual action) passes every gate of spec section 3 when
    /// each gate is checked again on its own, and goes out on the first channel of its strategy
    /// that passes the channel gate, with that channel's script.
    /// </summary>
    public Property SelectedActionsPassEveryGate() => ForAll(c => GateAgreement.SelectedPass(this, c));

    /// <summary>
    /// Every rejected strategy fails exactly the gate its reason code names, every gate before it
    /// passing when checked on its own; one dropped by <c>arbitration</c> or <c>policy</c> passes them all.
    /// </summary>
    public Property RejectionsNameTheirFirstFailingGate() => ForAll(c => GateAgreement.RejectionsFail(this, c));

    /// <summary>
    /// The model's choice keeps <c>maxActions</c>, <c>onePerProduct</c> and <c>onePerChannel</c>, in
    /// score order, and arbitration drops a candidate only when the limits leave it no room.
    /// Assumes the decide function's policies veto but do not scale scores.
    /// </summary>
    public Property ArbitrationKeepsItsLimits() => ForAll(c => ArbitrationCheck.Run(this, c));

    /// <summary>
    /// For each generated customer, <paramref name="customers"/> copies with fresh ids: each
    /// bucket is GrowthBook's hash, the group follows, the control group gets what its policy allows
    /// with a counterfactual, and the share in control is within <paramref name="tolerance"/> of the
    /// configured share. The default (1000 customers, 0.05) is about 5 standard deviations at a 10% control share.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No customers, or a tolerance outside (0, 1).</exception>
    public Property ExperimentSplitsWithin(double tolerance = 0.05, int customers = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        // Written so that NaN is refused too: no comparison with it holds, and the property passed whatever the split.
        if (!(tolerance is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "a tolerance is a share in (0, 1)");
        }

        return ForAll(c => ExperimentCheck.Run(this, c, customers, tolerance));
    }

    /// <summary>
    /// The regression property: <paramref name="after"/> decides every customer as
    /// <paramref name="before"/> does, except for <paramref name="changedStrategies"/> (added,
    /// removed or edited strategies must be named). Customers are valid for both versions, and
    /// weighted toward what differs between them (<see cref="MapArbitraries.For(IReadOnlyList{DecisionPlan}, DateTime)"/>),
    /// so that a one-unit shift of a threshold is found within the default 100 tests. A failure
    /// shows the shrunk customer and both decisions side by side.
    /// </summary>
    /// <exception cref="ArgumentException">The two are decided at different times, or a named strategy is in neither version.</exception>
    public static Property SameDecisionsExcept(MapProperties before, MapProperties after, params string[] changedStrategies)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(changedStrategies);
        if (before.At != after.At)
        {
            throw new ArgumentException($"both versions must be decided at the same time, not {before.At:O} and {after.At:O}", nameof(after));
        }

        var known = before.Plan.Strategies.Concat(after.Plan.Strategies).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        if (changedStrategies.FirstOrDefault(s => !known.Contains(s)) is { } unknown)
        {
            throw new ArgumentException($"'{unknown}' is a strategy of neither version", nameof(changedStrategies));
        }

        var changed = changedStrategies.ToHashSet(StringComparer.Ordinal);
        var customers = MapArbitraries.For([before.Plan, after.Plan], before.At);
        return Prop.ForAll(customers, c => Verdict(RegressionCheck.Run(before, after, changed, c)));
    }

    /// <summary>
    /// Decides <paramref name="customers"/> generated customers (the same ones for the same
    /// <paramref name="seed"/>) and reports which reason codes, strategies and gates they reached.
    /// </summary>
    public ReachReport Reach(int customers = 1000, ulong seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        return ReachReport.Measure(this, customers, seed);
    }

    private Property ForAll(Func<GeneratedCustomer, string?> check) => Prop.ForAll(Customers, c => Verdict(check(c)));

    private static Property Verdict(string? failure) => failure is null ? Prop.ToProperty(true) : Prop.Label(false, failure);
}
