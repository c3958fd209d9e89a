using Decisioning.Plan;

namespace Decisioning.Testing.Generation;

/// <summary>
/// What differs between versions of one map, as the generators weight it: the constants and
/// literals of every expression whose text changed (matched by what it defines: a tier's, stage's
/// or segment's <c>when</c>, a product's <c>eligible</c>, a channel's <c>reachable</c>, a
/// strategy's <c>when</c>, a scenario's event <c>when</c>), and every window length that changed
/// (cooldowns, contact policies' <c>per</c>, scenarios' <c>within</c>, wave delays).
/// </summary>
/// <remarks>
/// A one-unit shift (<c>aum &gt;= 500000</c> to <c>500001</c>) separates the versions on one value
/// only; drawn among the constants of the whole map it comes up for a few customers in a hundred,
/// and a 100-test run misses it several times in a hundred. Drawn from the changed expressions'
/// own edges half the time, it comes up for about one customer in eight.
/// </remarks>
internal sealed class VersionDelta
{
    private VersionDelta(ExpressionConstants customer, IReadOnlyDictionary<string, ExpressionConstants> events, IReadOnlySet<TimeSpan> windows)
    {
        Customer = customer;
        Events = events;
        Windows = windows;
    }

    /// <summary>Constants of the customer-level expressions that changed.</summary>
    public ExpressionConstants Customer { get; }

    /// <summary>Constants of the event conditions that changed, by event type (names as <c>event.x</c>).</summary>
    public IReadOnlyDictionary<string, ExpressionConstants> Events { get; }

    /// <summary>Window lengths that one version has where another has a different one.</summary>
    public IReadOnlySet<TimeSpan> Windows { get; }

    /// <summary>The differences between <paramref name="versions"/>; none for a single version.</summary>
    public static VersionDelta Between(IReadOnlyList<DecisionPlan> versions)
    {
        var customer = new ExpressionConstants();
        var events = new Dictionary<string, ExpressionConstants>(StringComparer.Ordinal);
        var windows = new HashSet<TimeSpan>();
        if (versions.Count < 2)
        {
            return new(customer, events, windows);
        }

        foreach (var (_, texts) in Changed(versions.Select(CustomerExpressions)))
        {
            foreach (var text in texts.OfType<string>())
            {
                customer.Add(text);
            }
        }

        foreach (var (key, texts) in Changed(versions.Select(EventExpressions)))
        {
            var type = key[..key.IndexOf('|', StringComparison.Ordinal)];
            foreach (var text in texts.OfType<string>())
            {
                (events.TryGetValue(type, out var c) ? c : events[type] = new()).Add(text);
            }
        }

        foreach (var (_, lengths) in Changed(versions.Select(WindowLengths)))
        {
            windows.UnionWith(lengths.Where(l => l is not null).Select(l => TimeSpan.Parse(l!, System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new(customer, events, windows);
    }

    // For each key, the distinct values the versions give it, when they do not all give the same
    // one (a key missing from a version counts as a difference).
    private static IEnumerable<(string Key, IReadOnlyList<string?> Values)> Changed(IEnumerable<IReadOnlyDictionary<string, string?>> versions)
    {
        var all = versions.ToList();
        foreach (var key in all.SelectMany(v => v.Keys).Distinct(StringComparer.Ordinal))
        {
            var values = all.Select(v => v.TryGetValue(key, out var text) ? text : null).ToList();
            if (values.Distinct(StringComparer.Ordinal).Skip(1).Any())
            {
                yield return (key, values.Distinct(StringComparer.Ordinal).ToList());
            }
        }
    }

    // Keyed by what each expression defines; ids are unique within a kind.
    private static Dictionary<string, string?> CustomerExpressions(DecisionPlan plan) =>
        plan.Tiers.Select(t => ($"tier {t.Id}", (string?)t.When.Text))
            .Concat(plan.Stages.Select(t => ($"stage {t.Id}", (string?)t.When.Text)))
            .Concat(plan.Segments.Select(t => ($"segment {t.Id}", t.When?.Text)))
            .Concat(plan.Products.Select(t => ($"product {t.Id}", (string?)t.Eligible.Text)))
            .Concat(plan.Channels.Select(t => ($"channel {t.Id}", (string?)t.Reachable.Text)))
            .Concat(plan.Strategies.Select(t => ($"strategy {t.Id}", t.When?.Text)))
            .ToDictionary(e => e.Item1, e => e.Item2, StringComparer.Ordinal);

    // Keyed "type|strategy", so that the event type can be read back from the key.
    private static Dictionary<string, string?> EventExpressions(DecisionPlan plan) =>
        plan.Strategies.Where(s => s.Scenario?.EventType is not null)
            .ToDictionary(s => $"{s.Scenario!.EventType}|{s.Id}", s => s.Scenario!.When?.Text, StringComparer.Ordinal);

    private static Dictionary<string, string?> WindowLengths(DecisionPlan plan)
    {
        var lengths = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var channel in plan.Channels)
        {
            lengths[$"per {channel.Id}"] = Text(channel.Per);
        }

        foreach (var strategy in plan.Strategies)
        {
            lengths[$"cooldown {strategy.Id}"] = Text(strategy.Cooldown);
            lengths[$"within {strategy.Id}"] = Text(strategy.Scenario?.Within);
            foreach (var wave in strategy.Waves.Skip(1))
            {
                lengths[$"wave {strategy.Id} {wave.Number}"] = Text(wave.After);
            }
        }

        foreach (var rule in plan.Suppression)
        {
            lengths[$"suppression within {rule.Id}"] = Text(rule.Within);
            lengths[$"suppression pause {rule.Id}"] = Text(rule.Pause);
        }

        return lengths;
    }

    private static string? Text(TimeSpan? length) => length?.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
}
