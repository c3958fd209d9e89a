namespace Decisioning.Reporting.Model;

/// <summary>
/// The strategy board (策略管理看板, dashboard.json): every strategy over periods counted from the
/// earliest decision, the decision funnel, customers left with no action, shadow agreement, and
/// the post-evaluation of the same data (<see cref="Totals"/>, equal to <c>report</c>'s).
/// </summary>
public sealed record Dashboard(
    string Period,
    string Window,
    DateTimeOffset? From,
    DateTimeOffset? To,
    BoardCounts Counts,
    IReadOnlyList<BoardPeriod> Periods,
    IReadOnlyList<StrategyBoardRow> Strategies,
    IReadOnlyList<FunnelRow> Funnel,
    IReadOnlyList<ReasonCount> NoAction,
    IReadOnlyList<ChannelUse> Channels,
    ShadowAgreement? Shadow,
    IReadOnlyList<MapVersionSeen> Maps,
    Report Totals)
{
    /// <summary>Each adaptive model instance's maturity per period; empty when no decision was made with one.</summary>
    public IReadOnlyList<ModelMaturity> Adaptive { get; init; } = [];
}

/// <summary>What was read. <see cref="Customers"/> counts distinct customer ids decided.</summary>
public sealed record BoardCounts(
    long Decisions,
    long Customers,
    long Actions,
    long ErrorRecords,
    long BadDecisionLines,
    long Outcomes,
    long AttributedOutcomes,
    long BadOutcomeLines);

/// <summary>
/// One period <c>[From, To)</c>: the decisions made in it, the distinct customers decided, and the
/// model-versus-control comparison of the customers first decided in it (section 6's rules).
/// </summary>
public sealed record BoardPeriod(
    int Index,
    DateTimeOffset From,
    DateTimeOffset To,
    long Decisions,
    long Customers,
    int DecisionDays,
    Comparison Comparison,
    SampleRatio Srm);

/// <summary>A strategy over all periods, and in each period that it was active or compared in.</summary>
public sealed record StrategyBoardRow(
    string Strategy,
    Activity Total,
    Comparison? Comparison,
    IReadOnlyList<StrategyPeriod> Periods);

/// <summary>A strategy in one period: its activity, and the comparison of its customers first decided then.</summary>
public sealed record StrategyPeriod(int Period, Activity Activity, Comparison? Comparison);

/// <summary>
/// What a strategy did: customers reached (distinct), actions returned (each one a contact, as a
/// decision log knows no delivery receipt), fallbacks among them, actions by wave and channel, the
/// responses attributed to them by kind, and the value of the conversions.
/// </summary>
public sealed record Activity(
    long Customers,
    long Actions,
    long Contacts,
    long Fallbacks,
    IReadOnlyList<WaveChannelCount> ByWaveAndChannel,
    IReadOnlyList<WaveResponses> Waves,
    ResponseCounts Responses,
    double Value)
{
    /// <summary>No activity: a strategy that returned no action in the period.</summary>
    public static Activity Empty { get; } = new(0, 0, 0, 0, [], [], new ResponseCounts(0, 0, 0), 0);
}

/// <summary>The actions of one wave on one channel.</summary>
/// <param name="Wave">The wave: 1 for the first contact, 2 and on for follow-ups.</param>
/// <param name="Channel">The channel id.</param>
/// <param name="Actions">Actions returned.</param>
public sealed record WaveChannelCount(int Wave, string Channel, long Actions);

/// <summary>The actions of one wave and the responses they drew.</summary>
public sealed record WaveResponses(int Wave, long Actions, ResponseCounts Responses);

/// <summary>Responses attributed to actions, by kind.</summary>
/// <param name="Responded">Responses of kind <c>responded</c>.</param>
/// <param name="Declined">Responses of kind <c>declined</c>.</param>
/// <param name="Converted">Responses of kind <c>converted</c>.</param>
public sealed record ResponseCounts(long Responded, long Declined, long Converted);

/// <summary>One strategy's funnel: <c>{"strategy", "evaluated", "selected", "rejected": {reason: n}}</c>, reasons in gate order.</summary>
public sealed record FunnelRow(string Strategy, long Evaluated, long Selected, IReadOnlyList<ReasonCount> Rejected);

/// <summary>How many candidates a gate rejected, by its reason code.</summary>
/// <param name="Reason">The reason code, as the decision trace writes it.</param>
/// <param name="Count">Candidates rejected for it.</param>
public sealed record ReasonCount(string Reason, long Count);

/// <summary>
/// Contacts on one channel, and when its daily capacity is known, the capacity of the days on
/// which decisions were made and the share of it used.
/// </summary>
public sealed record ChannelUse(string Channel, long? PerDay, long Contacts, int Days, long? Capacity, double? Used);

/// <summary>
/// How often the shadow map would have changed the served first action: decisions that carried a
/// shadow, those whose first action (strategy, product, channel) the shadow's differs from, and
/// the most frequent changes.
/// </summary>
public sealed record ShadowAgreement(
    string? Map,
    string? Version,
    string? MapHash,
    long Decisions,
    long Changed,
    double? ChangedShare,
    IReadOnlyList<ShadowChange> Changes);

/// <summary>First-action strategy served → the shadow's (null: no action).</summary>
public sealed record ShadowChange(string? From, string? To, long Count);

/// <summary>A map version that made decisions in the log.</summary>
public sealed record MapVersionSeen(string? Map, string? Version, string? MapHash, long Decisions);
