namespace Decisioning.Reporting.Input;

/// <summary>The kind of an outcome: the customer responded, or converted (bought, signed up).</summary>
internal enum OutcomeKind
{
    Responded,
    Converted,
}

/// <summary>
/// One outcome line of spec section 6:
/// <c>{"customerId", "at", "product", "kind": "responded"|"converted", "value"}</c>.
/// </summary>
internal sealed record OutcomeLine(string CustomerId, DateTimeOffset At, string? Product, OutcomeKind Kind, double Value);
