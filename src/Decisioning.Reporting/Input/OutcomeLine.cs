namespace Decisioning.Reporting.Input;

/// <summary>
/// The kind of an outcome: the customer responded, or converted (bought, signed up), or declined
/// (spec section 9's response kind; post-evaluation reads only the first two).
/// </summary>
internal enum OutcomeKind
{
    Responded,
    Converted,
    Declined,
}

/// <summary>
/// One outcome line of spec section 6:
/// <c>{"customerId", "at", "product", "kind": "responded"|"converted", "value"}</c>, with the
/// optional <c>strategy</c> of a section 9 response.
/// </summary>
internal sealed record OutcomeLine(string CustomerId, DateTimeOffset At, string? Product, OutcomeKind Kind, double Value, string? Strategy = null);
