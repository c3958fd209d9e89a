using Decisioning.Runtime;

namespace Decisioning.Compilation;

/// <summary>
/// The names an expression may use, which depend on where it is written (spec section 1):
/// tiers see fields and holdings; lifecycle adds <c>tier</c>; segments add <c>stage</c>; later
/// expressions add <c>segments</c>; an event scenario's condition adds <c>event</c>.
/// </summary>
internal sealed record ExpressionScope(RowLayout Customer, bool Tier, bool Stage, bool Segments, RowLayout? Event)
{
    /// <summary>
    /// Declared names left out of scope because their declaration is wrong (an unknown field
    /// type): an expression using one is not reported again, the declaration already was.
    /// </summary>
    public IReadOnlySet<string> Unresolved { get; init; } = new HashSet<string>();

    /// <summary>Where compiled expressions are looked up and kept across loads; null compiles every one.</summary>
    public ExpressionCache? Cache { get; init; }

    public static ExpressionScope ForTiers(RowLayout customer, IReadOnlySet<string>? unresolved = null, ExpressionCache? cache = null) =>
        new(customer, false, false, false, null) { Unresolved = unresolved ?? new HashSet<string>(), Cache = cache };

    public ExpressionScope ForLifecycle() => this with { Tier = true };

    public ExpressionScope ForSegments() => this with { Tier = true, Stage = true };

    public ExpressionScope ForStrategies() => this with { Tier = true, Stage = true, Segments = true };

    public ExpressionScope WithEvent(RowLayout payload) => this with { Event = payload };
}
