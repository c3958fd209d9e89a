namespace Decisioning.Evaluation;

/// <summary>The reason codes of spec sections 3, 9 and 10, in gate order. Fixed by the spec: never rename.</summary>
public static class ReasonCodes
{
    public const string Inactive = "inactive";
    public const string NotTargeted = "not-targeted";
    public const string Scenario = "scenario";
    public const string Condition = "condition";
    public const string Ineligible = "ineligible";
    public const string AlreadyHeld = "already-held";
    public const string Suppressed = "suppressed";
    public const string Responded = "responded";
    public const string WavePending = "wave-pending";
    public const string Cooldown = "cooldown";
    public const string NoChannel = "no-channel";
    public const string Policy = "policy";
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
