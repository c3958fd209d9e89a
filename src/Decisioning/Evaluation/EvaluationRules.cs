using Decisioning.Plan;

namespace Decisioning.Evaluation;

/// <summary>
/// The boundary choices of spec section 3 that a wrong evaluator most easily gets wrong: which
/// ends of the cooldown and contact-policy windows count, and whether arbitration honours
/// <c>onePerProduct</c>. It exists for mutation testing only: the testing kit's own tests build
/// deliberately wrong evaluators from it to prove that the kit's properties catch them.
/// Production always uses <see cref="Spec"/>; nothing public accepts another.
/// </summary>
internal sealed record EvaluationRules(ContactWindow Cooldown, ContactWindow ContactPolicy, bool HonoursOnePerProduct)
{
    /// <summary>The rules as spec section 3 writes them.</summary>
    public static EvaluationRules Spec { get; } = new(ContactWindow.Spec, ContactWindow.Spec, HonoursOnePerProduct: true);

    /// <summary>The arbitration limits these rules apply: the plan's own under <see cref="Spec"/>.</summary>
    public ArbitrationPlan Limits(ArbitrationPlan plan) =>
        HonoursOnePerProduct || !plan.OnePerProduct ? plan : plan with { OnePerProduct = false };
}

/// <summary>A look-back window of some length ending at the decision time, and which of its ends count.</summary>
internal readonly record struct ContactWindow(bool IncludesStart, bool IncludesEnd)
{
    /// <summary><c>(at - length, at]</c>, the window of spec section 3 for cooldowns and contact policies.</summary>
    public static ContactWindow Spec => new(IncludesStart: false, IncludesEnd: true);

    public bool Contains(DateTime contact, DateTime at, TimeSpan length)
    {
        var from = Window.Start(at, length);
        return (IncludesStart ? contact >= from : contact > from) && (IncludesEnd ? contact <= at : contact < at);
    }
}

/// <summary>The start of a look-back window, saturating at the first representable instant.</summary>
internal static class Window
{
    /// <summary>
    /// <c>at - length</c>, or <see cref="DateTime.MinValue"/> when that is before year 1: a decision
    /// at <c>0001-01-01</c> with a 30-day window looks back to the beginning of time instead of failing.
    /// </summary>
    public static DateTime Start(DateTime at, TimeSpan length) =>
        at.Ticks <= length.Ticks ? new DateTime(DateTime.MinValue.Ticks, at.Kind) : at - length;

    /// <summary>
    /// <c>from + length</c>, or <see cref="DateTime.MaxValue"/> when that is past year 9999: a wave
    /// due, a pause or a learning window that would end after the calendar never ends instead of failing.
    /// </summary>
    public static DateTime End(DateTime from, TimeSpan length) =>
        DateTime.MaxValue.Ticks - from.Ticks <= length.Ticks ? new DateTime(DateTime.MaxValue.Ticks, from.Kind) : from + length;
}
