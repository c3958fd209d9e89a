namespace Decisioning.Evaluation;

/// <summary>The reason codes of spec sections 3, 9 and 10, in gate order. Fixed by the spec: never rename.</summary>
public static class ReasonCodes
{
    /// <summary>The strategy is rejected when the decision time is outside the strategy's <c>active: { from, to }</c> window (<c>from</c> included, <c>to</c> excluded).</summary>
    public const string Inactive = "inactive";

    /// <summary>The strategy is rejected when the customer is in none of the strategy's <c>target</c> segments (<c>all</c>, or no <c>target</c>, targets everyone).</summary>
    public const string NotTargeted = "not-targeted";

    /// <summary>The strategy is rejected when lifecycle: the customer's <c>stage</c> is not one of <c>stages</c>; product: they hold a product of <c>lacks</c> or lack one of <c>holds</c>; event: no event of the type in <c>[at - within, at]</c> whose <c>when</c> holds.</summary>
    public const string Scenario = "scenario";

    /// <summary>The strategy is rejected when the strategy's own <c>when</c> is false.</summary>
    public const string Condition = "condition";

    /// <summary>The strategy is rejected when the product's <c>eligible</c> (suitability) is false.</summary>
    public const string Ineligible = "ineligible";

    /// <summary>The strategy is rejected when the customer holds the product and it is not <c>repeatable</c>.</summary>
    public const string AlreadyHeld = "already-held";

    /// <summary>The strategy is rejected when a suppression rule counts enough records in its window and its pause has not ended; the trace entry names the rule (<c>"rule"</c>).</summary>
    public const string Suppressed = "suppressed";

    /// <summary>The strategy is rejected when the strategy has waves and a response of a kind in <c>stopOn</c> ended the current sequence, and the cooldown since its last contact has not passed.</summary>
    public const string Responded = "responded";

    /// <summary>The strategy is rejected when the strategy has waves and the next wave is not due yet (<c>after</c> since the previous wave's contact); the trace entry carries the wave due.</summary>
    public const string WavePending = "wave-pending";

    /// <summary>The strategy is rejected when a contact of this strategy happened within <c>cooldown</c> before the decision (skipped while a wave sequence runs).</summary>
    public const string Cooldown = "cooldown";

    /// <summary>The strategy is rejected when no channel of the strategy's list is reachable, under its <c>contactPolicy</c> cap and fits its <c>maxLength</c> with the rendered script.</summary>
    public const string NoChannel = "no-channel";

    /// <summary>The strategy is rejected when a host-registered policy vetoed it (library only; the entry names the rule).</summary>
    public const string Policy = "policy";

    /// <summary>The strategy is rejected when it passed every gate but lost arbitration: a better-scored candidate took its product (<c>onePerProduct</c>) or its channel (<c>onePerChannel</c>), or <c>maxActions</c> was reached.</summary>
    public const string Arbitration = "arbitration";

    // Declared before All, which is this array: static fields initialise in text order.
    private static readonly string[] GateOrder =
        [Inactive, NotTargeted, Scenario, Condition, Ineligible, AlreadyHeld, Suppressed, Responded, WavePending, Cooldown, NoChannel, Policy, Arbitration];

    /// <summary>The <c>noAction</c> of a control-group decision under the control policy <c>none</c>.</summary>
    public const string Control = "control";

    /// <summary>The <c>noAction</c> of a decision by a map that has no strategy.</summary>
    public const string NoStrategies = "no-strategies";

    /// <summary>
    /// Why a decision has no action (its <c>noAction</c>, spec section 11): <see cref="Control"/> in
    /// the control group under the policy <c>none</c>; otherwise the reason of the strategy that got
    /// furthest through the gates (<see cref="All"/>'s order, ties to the first in file order), or
    /// <see cref="NoStrategies"/>. Null when there are actions. <paramref name="reasons"/> holds each
    /// strategy's final trace reason, by strategy index. Allocates nothing.
    /// </summary>
    public static string? NoAction(int actionCount, bool controlNone, ReadOnlySpan<string?> reasons)
    {
        if (actionCount > 0)
        {
            return null;
        }

        if (controlNone)
        {
            return Control;
        }

        string? furthest = null;
        var rank = -1;
        foreach (var reason in reasons)
        {
            var r = GateRank(reason);
            if (r > rank)
            {
                (furthest, rank) = (reason, r);
            }
        }

        return furthest ?? NoStrategies;
    }

    /// <summary>The position of a reason code in the gate order (<see cref="All"/>); -1 for anything else.</summary>
    public static int GateRank(string? reason)
    {
        if (reason is null)
        {
            return -1;
        }

        var all = GateOrder;
        for (var i = 0; i < all.Length; i++)
        {
            if (string.Equals(all[i], reason, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Every code, in the order the gates run (arbitration last).</summary>
    public static readonly IReadOnlyList<string> All = GateOrder;
}
