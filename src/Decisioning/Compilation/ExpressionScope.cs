using Decisioning.Runtime;

namespace Decisioning.Compilation;

/// <summary>
/// The names an expression may use, which depend on where it is written (spec section 1):
/// tiers see fields and holdings; lifecycle adds <c>tier</c>; segments add <c>stage</c>; later
/// expressions add <c>segments</c>; an event scenario's condition adds <c>event</c>.
/// </summary>
public sealed record ExpressionScope(RowLayout Customer, bool Tier, bool Stage, bool Segments, RowLayout? Event)
{
    public static ExpressionScope ForTiers(RowLayout customer) => new(customer, false, false, false, null);

    public static ExpressionScope ForLifecycle(RowLayout customer) => new(customer, true, false, false, null);

    public static ExpressionScope ForSegments(RowLayout customer) => new(customer, true, true, false, null);

    public static ExpressionScope ForStrategies(RowLayout customer) => new(customer, true, true, true, null);

    public ExpressionScope WithEvent(RowLayout payload) => this with { Event = payload };
}
