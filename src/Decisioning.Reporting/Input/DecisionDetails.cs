namespace Decisioning.Reporting.Input;

/// <summary>One entry of a decision's <c>actions</c>, as the board counts it; <see cref="Propensity"/> is null when the entry has none.</summary>
internal readonly record struct ActionEntry(string Strategy, string? Product, string? Channel, int Wave, bool Fallback, double? Propensity = null);

/// <summary>
/// One line of a decision's <c>trace</c>: <c>selected</c>, or <c>rejected</c> with its reason; for a
/// strategy whose propensity is an adaptive model, the model, its instance's evidence and the learned
/// state's version (null on other lines).
/// </summary>
internal readonly record struct TraceItem(string Strategy, string? Outcome, string? Reason, string? Model = null, long? Evidence = null, string? State = null);

/// <summary>
/// What the strategy board reads from a decision line beyond <see cref="DecisionLine"/>: every
/// action with its wave and channel, the trace, <c>noAction</c>, <c>mapHash</c> and the shadow
/// map's first action. One instance is refilled for each line (the lists are reused), so reading
/// a log allocates per line only what is new.
/// </summary>
internal sealed class DecisionDetails
{
    public StringPool Pool { get; } = new();

    public List<ActionEntry> Actions { get; } = [];

    public List<TraceItem> Trace { get; } = [];

    public string? Map { get; set; }

    public string? Version { get; set; }

    public string? MapHash { get; set; }

    public string? NoAction { get; set; }

    /// <summary>True when the line has a <c>shadow</c> object.</summary>
    public bool HasShadow { get; set; }

    public string? ShadowMap { get; set; }

    public string? ShadowVersion { get; set; }

    public string? ShadowMapHash { get; set; }

    /// <summary>The shadow's first action, or null when it returned none.</summary>
    public ActionEntry? ShadowFirst { get; set; }

    public void Reset()
    {
        Actions.Clear();
        Trace.Clear();
        Map = Version = MapHash = NoAction = ShadowMap = ShadowVersion = ShadowMapHash = null;
        HasShadow = false;
        ShadowFirst = null;
    }
}
