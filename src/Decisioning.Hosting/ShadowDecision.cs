using Decisioning.Evaluation;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Hosting;

/// <summary>
/// What a map's shadow decided for one snapshot that the served map decided: the served decision
/// (as the caller got it) and the shadow's decision, or the shadow's error record when the snapshot
/// does not fit the shadow's customer schema. Given to every <see cref="IShadowObserver"/>.
/// </summary>
/// <param name="MapId">The map, served and shadow alike.</param>
/// <param name="Served">The decision the caller got.</param>
/// <param name="Shadow">The shadow's decision for the same snapshot at the same time; null when it could not read the snapshot.</param>
/// <param name="ShadowError">The shadow's error record; null when it decided.</param>
/// <param name="ShadowVersion">The shadow's <c>version:</c> that decided (or refused) the snapshot.</param>
public sealed record ShadowDecision(string MapId, Decision Served, Decision? Shadow, SnapshotError? ShadowError, string ShadowVersion)
{
    /// <summary>
    /// Whether the shadow's first action is the served one's: the same strategy, product and channel,
    /// or no action on both sides. A shadow that could not read the snapshot does not agree.
    /// </summary>
    public bool AgreesOnFirstAction => Shadow is { } shadow && FirstAction.Of(Served) == FirstAction.Of(shadow);

    /// <summary>
    /// The served decision's line with the shadow's <c>shadow</c> field (spec section 14), as
    /// <c>decisioning evaluate MAP --shadow MAP2</c> writes it: a shadow log of these lines is read by
    /// <c>decisioning diff --decisions</c>.
    /// </summary>
    public string ToJsonLine(Plan.DecisionPlan shadowPlan) =>
        ShadowJson.Combine(DecisionJson.ToJson(Served), Shadow is { } shadow ? DecisionJson.ToJson(shadow) : DecisionJson.ToJson(ShadowError!), shadowPlan);
}

/// <summary>
/// A decision's first action as the agreement of a shadow compares it: its strategy, product and
/// channel, or all three null for no action. Two decisions agree when these are equal, whether the
/// shadow decided into records or into a buffer.
/// </summary>
internal readonly record struct FirstAction(string? Strategy, string? Product, string? Channel)
{
    public static FirstAction Of(Decision decision) => decision.Actions.Count == 0
        ? default
        : new FirstAction(decision.Actions[0].Strategy, decision.Actions[0].Product, decision.Actions[0].Channel);

    public static FirstAction Of(DecisionBuffer decision)
    {
        if (decision.ActionCount == 0)
        {
            return default;
        }

        var first = decision.Action(0);
        return new FirstAction(first.Strategy.Id, first.Strategy.Product.Id, first.Channel.Id);
    }
}

/// <summary>
/// Receives the shadow decisions of every map that has a shadow: to log them, store them, or
/// compare them. Called on the engine's shadow worker, never on a caller's thread, one call at a
/// time per worker; an observer that throws is logged and counted as a shadow error, and the
/// other observers still run.
/// </summary>
public interface IShadowObserver
{
    /// <summary>One shadow decision, in the order the shadow worker made them.</summary>
    void OnShadowDecision(ShadowDecision decision);
}

/// <summary>What a full shadow queue does with the next snapshot to shadow (<see cref="DecisioningOptions.ShadowQueueFullMode"/>).</summary>
public enum ShadowQueueFullMode
{
    /// <summary>The new snapshot is not shadowed and is counted in <c>decisioning.shadow.drops</c>. The default: the caller never waits.</summary>
    DropNewest,

    /// <summary>The oldest snapshot waiting is not shadowed (counted in <c>decisioning.shadow.drops</c>), and the new one takes its place.</summary>
    DropOldest,

    /// <summary>The caller waits until the shadow has room: every decision is shadowed, at the cost of the caller's latency when the shadow falls behind.</summary>
    Wait,
}
