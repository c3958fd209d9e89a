namespace Decisioning.Evaluation;

/// <summary>The reason codes of spec section 3, in gate order. Fixed by the spec: never rename.</summary>
public static class ReasonCodes
{
    public const string Inactive = "inactive";
    public const string NotTargeted = "not-targeted";
    public const string Scenario = "scenario";
    public const string Condition = "condition";
    public const string Ineligible = "ineligible";
    public const string AlreadyHeld = "already-held";
    public const string Cooldown = "cooldown";
    public const string NoChannel = "no-channel";
    public const string Policy = "policy";
    public const string Arbitration = "arbitration";

    /// <summary>Every code, in the order the gates run (arbitration last).</summary>
    public static readonly IReadOnlyList<string> All =
        [Inactive, NotTargeted, Scenario, Condition, Ineligible, AlreadyHeld, Cooldown, NoChannel, Policy, Arbitration];
}
