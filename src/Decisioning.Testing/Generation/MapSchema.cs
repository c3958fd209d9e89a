using Decisioning.Model;
using Decisioning.Plan;

namespace Decisioning.Testing.Generation;

/// <summary>
/// A declared field, the constants and literals its expressions compare it with, and for a bool
/// how the map uses it as a condition on its own (<see cref="ExpressionConstants.PolarityOf"/>).
/// <see cref="ShiftedNumbers"/> and <see cref="ShiftedStrings"/> are those of expressions that differ
/// between the versions generated for (<see cref="VersionDelta"/>), drawn with extra weight.
/// </summary>
internal sealed record FieldSpec(string Name, FieldKind Kind, bool Optional, IReadOnlyList<decimal> Numbers, IReadOnlyList<string> Strings,
    int Polarity = 0)
{
    public IReadOnlyList<decimal> ShiftedNumbers { get; init; } = [];

    public IReadOnlyList<string> ShiftedStrings { get; init; } = [];
}

/// <summary>A declared event type, its payload and the windows of the scenarios that watch it.</summary>
internal sealed record EventSpec(string Type, IReadOnlyList<FieldSpec> Payload, IReadOnlyList<TimeSpan> Windows);

internal sealed record ChannelSpec(string Id, int? Max, TimeSpan? Per);

/// <summary>A strategy as the generator sees it; <see cref="Windows"/> are its wave delays and the suppression rules' windows and pauses.</summary>
internal sealed record StrategySpec(string Id, string Product, IReadOnlyList<string> Channels, TimeSpan? Cooldown, int Waves = 1,
    IReadOnlyList<TimeSpan>? Windows = null);

/// <summary>
/// Everything the customer generator draws from, read from one or more versions of a map: the
/// union of their fields (required when any version requires it), products, events, channels and
/// strategies, with the constants of every expression. Immutable.
/// </summary>
internal sealed class MapSchema
{
    private MapSchema(DateTime at) => At = at;

    public DateTime At { get; }
    public string IdField { get; private init; } = "customerId";
    public IReadOnlyList<FieldSpec> Fields { get; private init; } = [];
    public IReadOnlyList<Relation> Relations { get; private init; } = [];
    public IReadOnlyList<string> ListedIds { get; private init; } = [];
    public IReadOnlyList<string> Products { get; private init; } = [];

    /// <summary>Products some scenario requires the customer to hold, or an expression looks for in <c>holdings</c>.</summary>
    public IReadOnlyList<string> SoughtHoldings { get; private init; } = [];
    public IReadOnlyList<EventSpec> Events { get; private init; } = [];
    public IReadOnlyList<ChannelSpec> Channels { get; private init; } = [];
    public IReadOnlyList<StrategySpec> Strategies { get; private init; } = [];

    /// <summary>Window lengths (cooldowns, <c>per</c>, <c>within</c>, wave delays, suppression) that differ between the versions.</summary>
    public IReadOnlyList<TimeSpan> ShiftedWindows { get; private init; } = [];

    /// <summary>String lengths at which a rendered script just fits, or just fails, a channel's <c>maxLength</c>.</summary>
    public IReadOnlyList<int> EdgeLengths { get; private init; } = [];

    public static MapSchema From(IReadOnlyList<DecisionPlan> plans, DateTime at)
    {
        var customer = new ExpressionConstants();
        var events = new Dictionary<string, ExpressionConstants>(StringComparer.Ordinal);
        var windows = new Dictionary<string, SortedSet<TimeSpan>>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            foreach (var condition in CustomerConditions(plan))
            {
                customer.Add(condition.Text);
            }

            foreach (var scenario in plan.Strategies.Select(s => s.Scenario).OfType<ScenarioPlan>().Where(s => s.EventType is not null))
            {
                var type = scenario.EventType!;
                if (scenario.When is { } when)
                {
                    (events.TryGetValue(type, out var c) ? c : events[type] = new()).Add(when.Text);
                }

                if (scenario.Within is { } within)
                {
                    (windows.TryGetValue(type, out var w) ? w : windows[type] = []).Add(within);
                }
            }
        }

        var delta = VersionDelta.Between(plans);
        var fields = UnionFields(plans.Select(p => p.Customer.Fields.Select(f => (f.Name, f.Type))), plans[^1].IdField, customer, delta.Customer, name => name);
        return new MapSchema(at)
        {
            IdField = plans[^1].IdField,
            Fields = fields,
            Relations = [.. customer.Relations.Where(r => fields.Any(f => f.Name == r.Left) && fields.Any(f => f.Name == r.Right))],
            ListedIds = [.. plans.SelectMany(p => p.Segments).Where(s => s.Members is not null)
                .SelectMany(s => s.Members!.Order(StringComparer.Ordinal).Take(200)).Distinct().Order(StringComparer.Ordinal)],
            Products = [.. plans.SelectMany(p => p.Products).Select(p => p.Id).Distinct()],
            SoughtHoldings = [.. plans.SelectMany(p => p.Strategies).SelectMany(s => s.Scenario?.Holds ?? [])
                .Concat(customer.StringsOf("holdings")).Distinct()],
            Events = [.. plans.SelectMany(p => p.Events).GroupBy(e => e.Key).Select(g => new EventSpec(
                g.Key,
                UnionFields(g.Select(e => e.Value.Fields.Select(f => (f.Name, f.Type))), null,
                    events.GetValueOrDefault(g.Key) ?? new ExpressionConstants(), delta.Events.GetValueOrDefault(g.Key) ?? new ExpressionConstants(),
                    name => "event." + name),
                windows.TryGetValue(g.Key, out var w) ? [.. w] : []))],
            Channels = [.. plans.SelectMany(p => p.Channels).DistinctBy(c => c.Id).Select(c => new ChannelSpec(c.Id, c.MaxContacts, c.Per))],
            Strategies = [.. plans.SelectMany(p => p.Strategies).DistinctBy(s => s.Id).Select(s =>
                new StrategySpec(s.Id, s.Product.Id, [.. s.Channels.Select(c => c.Channel.Id)], s.Cooldown, Math.Max(1, s.Waves.Count),
                    [.. s.Waves.Skip(1).Select(w => w.After), .. plans.SelectMany(p => p.Suppression).SelectMany(r => r.Within is { } w ? new[] { w, r.Pause } : [r.Pause])]))],
            EdgeLengths = ScriptEdges.Lengths(plans),
            ShiftedWindows = [.. delta.Windows.Order()],
        };
    }

    private static IEnumerable<CompiledCondition> CustomerConditions(DecisionPlan plan) =>
        plan.Tiers.Select(t => t.When)
            .Concat(plan.Stages.Select(s => s.When))
            .Concat(plan.Segments.Select(s => s.When).OfType<CompiledCondition>())
            .Concat(plan.Products.Select(p => p.Eligible))
            .Concat(plan.Channels.Select(c => c.Reachable))
            .Concat(plan.Strategies.Select(s => s.When).OfType<CompiledCondition>())
            .Distinct();

    // Later versions decide a field's kind; a field is optional only when every version says so.
    private static List<FieldSpec> UnionFields(IEnumerable<IEnumerable<(string Name, FieldType Type)>> versions, string? idField,
        ExpressionConstants constants, ExpressionConstants shifted, Func<string, string> scopedName)
    {
        var order = new List<string>();
        var kinds = new Dictionary<string, FieldKind>(StringComparer.Ordinal);
        var optional = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var fields in versions)
        {
            foreach (var (name, type) in fields)
            {
                if (name == idField)
                {
                    continue; // The key is generated as the id.
                }

                if (!kinds.ContainsKey(name))
                {
                    order.Add(name);
                }

                kinds[name] = type.Kind;
                optional[name] = optional.GetValueOrDefault(name, true) && type.Optional;
            }
        }

        return [.. order.Select(n => new FieldSpec(n, kinds[n], optional[n], constants.NumbersOf(scopedName(n)), constants.StringsOf(scopedName(n)),
            constants.PolarityOf(scopedName(n)))
        {
            ShiftedNumbers = shifted.NumbersOf(scopedName(n)),
            ShiftedStrings = shifted.StringsOf(scopedName(n)),
        })];
    }
}
