namespace Decisioning.Snapshots;

/// <summary>A real-time event (MOT) of a snapshot made in code: its type, time and payload fields.</summary>
/// <param name="Type">The event type, as declared under <c>customer.events</c>.</param>
/// <param name="At">When it happened.</param>
/// <param name="Payload">The payload's field values by name, converted as in <see cref="CustomerSnapshot.FromDictionary"/>.</param>
public sealed record EventSnapshot(string Type, DateTimeOffset At, IReadOnlyDictionary<string, object?>? Payload = null);

/// <summary>A past contact of a snapshot made in code, for contact policies, cooldowns, waves and suppression.</summary>
public sealed record ContactSnapshot(
    string? Channel, DateTimeOffset At, string? Strategy = null, string? Product = null, string? Outcome = null, int Wave = 1);

/// <summary>
/// A response of a snapshot made in code: <paramref name="Kind"/> is <c>responded</c>, <c>declined</c>
/// or <c>converted</c>; it belongs to a strategy by <paramref name="Strategy"/>, or without one by <paramref name="Product"/>.
/// </summary>
public sealed record ResponseSnapshot(DateTimeOffset At, string Kind, string? Strategy = null, string? Product = null, double Value = 0);
