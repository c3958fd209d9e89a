using Decisioning.Reporting.Input;
using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Board;

/// <summary>Counts, over the decisions that carry a <c>shadow</c>, how often its first action differs from the served one.</summary>
internal sealed class ShadowCounter
{
    private const int ChangesShown = 20;

    private readonly Dictionary<(string? From, string? To), long> changes = [];
    private (string? Map, string? Version, string? MapHash)? shadowMap;
    private long decisions;
    private long changed;

    public void Add(DecisionDetails details)
    {
        if (!details.HasShadow)
        {
            return;
        }

        shadowMap ??= (details.ShadowMap, details.ShadowVersion, details.ShadowMapHash);
        decisions++;
        ActionEntry? served = details.Actions.Count > 0 ? details.Actions[0] : null;
        var shadow = details.ShadowFirst;
        if (Same(served, shadow))
        {
            return;
        }

        changed++;
        var key = (served?.Strategy, shadow?.Strategy);
        changes[key] = changes.GetValueOrDefault(key) + 1;
    }

    /// <summary>The agreement, or null when no decision carried a shadow.</summary>
    public ShadowAgreement? Build() => decisions == 0
        ? null
        : new ShadowAgreement(
            shadowMap?.Map,
            shadowMap?.Version,
            shadowMap?.MapHash,
            decisions,
            changed,
            (double)changed / decisions,
            changes.OrderByDescending(c => c.Value).ThenBy(c => c.Key.From, StringComparer.Ordinal)
                .ThenBy(c => c.Key.To, StringComparer.Ordinal).Take(ChangesShown)
                .Select(c => new ShadowChange(c.Key.From, c.Key.To, c.Value)).ToList());

    /// <summary>The same action: both none, or the same strategy, product and channel (score and script may differ).</summary>
    private static bool Same(ActionEntry? a, ActionEntry? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.Value.Strategy == b.Value.Strategy && a.Value.Product == b.Value.Product && a.Value.Channel == b.Value.Channel;
}
