namespace Decisioning.Reporting.Board;

/// <summary>
/// The reason codes of the decision trace in the order their gates run: the core gates, the
/// suppression and wave gates after <c>already-held</c>, <c>arbitration</c> last (and the batch's
/// <c>capacity</c>, which comes after the decision). The funnel lists rejections in this order and
/// <c>noAction</c> is derived by it when a line does not carry one.
/// </summary>
internal static class GateOrder
{
    public const string NoStrategies = "no-strategies";
    public const string Control = "control";
    public const string Arbitration = "arbitration";
    public const string Selected = "selected";

    private static readonly string[] Reasons =
    [
        "inactive", "not-targeted", "scenario", "condition", "ineligible", "already-held", "suppressed",
        "responded", "wave-pending", "cooldown", "no-channel", "policy", Arbitration, "capacity",
    ];

    private static readonly Dictionary<string, int> Ranks =
        Reasons.Select((reason, i) => (reason, i)).ToDictionary(p => p.reason, p => p.i, StringComparer.Ordinal);

    /// <summary>
    /// How far through the gates a rejection got. A reason this version does not know ranks just
    /// before <c>arbitration</c>: a gate added later still runs before arbitration.
    /// </summary>
    public static int Rank(string? reason) =>
        reason is not null && Ranks.TryGetValue(reason, out var rank) ? rank : Ranks[Arbitration] - 1;

    /// <summary>Orders reasons by gate (unknown ones by name after the known); for no-action, no-strategies first and control last.</summary>
    public static IEnumerable<KeyValuePair<string, long>> Sort(IEnumerable<KeyValuePair<string, long>> counts) =>
        counts.OrderBy(c => Position(c.Key)).ThenBy(c => c.Key, StringComparer.Ordinal);

    private static int Position(string reason) => reason switch
    {
        NoStrategies => -1,
        Control => Reasons.Length + 1,
        _ => Ranks.TryGetValue(reason, out var rank) ? rank : Reasons.Length,
    };
}
