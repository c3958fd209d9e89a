using Decisioning.Reporting.Rendering.Board;

namespace Decisioning.Board;

/// <summary>How the live board is protected, how much it keeps, and how it cuts and labels.</summary>
public sealed class DecisioningBoardOptions
{
    /// <summary>
    /// The authorization policy a caller must satisfy to see the board (the host registers it with
    /// <c>AddAuthorization</c>). Required unless <see cref="AllowAnonymous"/> is set.
    /// </summary>
    public string? AuthorizationPolicy { get; set; }

    /// <summary>
    /// Serves the board to anyone who can reach it. Off by default: the board shows every
    /// strategy's customers and results, so a host must choose this explicitly.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// Whether the board reads the host's interaction history when one is attached
    /// (<c>UseHistory</c>, <c>UseSqliteHistory</c>, <c>UsePostgresHistory</c>): its served decisions
    /// and responses, as <c>decisioning dashboard --db</c> reads them. Default true; false, or no
    /// history attached, shows the recent decisions kept in memory (<see cref="RecentDecisions"/>).
    /// </summary>
    public bool FromHistory { get; set; } = true;

    /// <summary>
    /// How far back the board reads the history, from now (<c>&lt;n&gt;d</c>, <c>&lt;n&gt;h</c>,
    /// <c>&lt;n&gt;m</c>); default 90 days; null reads all of it. Each request reads this span again,
    /// so a long span over a large history makes a slow page.
    /// </summary>
    public string? HistorySpan { get; set; } = "90d";

    /// <summary>How many recent decision lines are kept (the oldest are dropped first). Default 100,000.</summary>
    public int DecisionCapacity { get; set; } = 100_000;

    /// <summary>How many recent outcome lines are kept. Default 100,000.</summary>
    public int OutcomeCapacity { get; set; } = 100_000;

    /// <summary>The board's period (<c>&lt;n&gt;d</c>, <c>&lt;n&gt;h</c>, <c>&lt;n&gt;m</c>); default one day. A request may ask <c>?period=</c>.</summary>
    public string Period { get; set; } = "1d";

    /// <summary>How long after a decision its outcomes count; default 30 days.</summary>
    public string Window { get; set; } = "30d";

    /// <summary>The page's labels; a request may ask <c>?lang=zh</c> or <c>?lang=en</c>.</summary>
    public BoardLanguage Language { get; set; } = BoardLanguage.English;

    /// <summary>Channel id to its daily capacity, when the host wants capacity used shown.</summary>
    public IDictionary<string, long> ChannelCapacity { get; } = new Dictionary<string, long>(StringComparer.Ordinal);
}
