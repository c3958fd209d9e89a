namespace Decisioning.Snapshots;

/// <summary>A real-time event (MOT) of a snapshot made in code: its type, time and payload fields.</summary>
/// <param name="Type">The event type, as declared under <c>customer.events</c>.</param>
/// <param name="At">When it happened.</param>
/// <param name="Payload">The payload's field values by name, converted as in <see cref="CustomerSnapshot.FromDictionary"/>.</param>
public sealed record EventSnapshot(string Type, DateTimeOffset At, IReadOnlyDictionary<string, object?>? Payload = null);

/// <summary>A past contact of a snapshot made in code, for contact policies and cooldowns.</summary>
public sealed record ContactSnapshot(string? Channel, DateTimeOffset At, string? Strategy = null, string? Product = null, string? Outcome = null);
