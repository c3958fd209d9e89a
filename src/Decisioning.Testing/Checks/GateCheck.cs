using Decisioning.Plan;

namespace Decisioning.Testing.Checks;

/// <summary>
/// One gate of spec section 3 checked on its own (active, target, scenario, when, product, held,
/// cooldown or channel), the reason code it gives when it fails, and what a person needs to see why.
/// </summary>
internal sealed record GateCheck(string Gate, string Reason, bool Passed, string Detail)
{
    public override string ToString() => $"{Gate}: {(Passed ? "passes" : "FAILS")} ({Detail})";
}

/// <summary>
/// Every gate of one strategy for one customer, and what the strategy would offer: the first
/// channel of its list that passes the channel gate (or null), the script rendered for it, and the
/// score of spec section 3, step 3, before any host policy.
/// </summary>
internal sealed record StrategyCheck(StrategyPlan Strategy, IReadOnlyList<GateCheck> Gates, ChannelPlan? Channel, string? Script,
    double Propensity, double Score)
{
    /// <summary>The first gate, in spec order, that fails; null when the strategy passes them all.</summary>
    public GateCheck? FirstFailure => Gates.FirstOrDefault(g => !g.Passed);

    public GateCheck Gate(string reason) => Gates.First(g => g.Reason == reason);
}

/// <summary>Tier, stage and segments as the oracle finds them (spec section 3, step 1).</summary>
internal sealed record Profile(string? Tier, string? Stage, IReadOnlyList<string> Segments);

/// <summary>The oracle's view of one customer: the profile and every strategy checked gate by gate.</summary>
internal sealed record Recheck(Profile Profile, IReadOnlyList<StrategyCheck> Strategies)
{
    public StrategyCheck? Of(string strategyId) => Strategies.FirstOrDefault(s => s.Strategy.Id == strategyId);
}
