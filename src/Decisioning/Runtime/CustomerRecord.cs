namespace Decisioning.Runtime;

/// <summary>One MOT event of a snapshot: its type, when it happened and its payload.</summary>
public sealed record EventRecord(string Type, DateTime At, ValueRow? Payload);

/// <summary>One past contact of a snapshot (for contact policies and cooldowns).</summary>
public sealed record ContactRecord(string? Channel, DateTime At, string? Strategy, string? Product, string? Outcome);

/// <summary>
/// A customer snapshot read into a plan's own typed representation: field values by slot,
/// holdings, events and contacts with their times parsed once.
/// </summary>
public sealed class CustomerRecord(string id, ValueRow values, string[] holdings, EventRecord[] events, ContactRecord[] contacts)
{
    public string Id { get; } = id;
    public ValueRow Values { get; } = values;
    public string[] Holdings { get; } = holdings;
    public EventRecord[] Events { get; } = events;
    public ContactRecord[] Contacts { get; } = contacts;

    /// <summary>Whether the customer holds <paramref name="product"/> (ordinal, as every id is compared).</summary>
    public bool Holds(string product)
    {
        // A plain loop: Array.IndexOf over strings goes through a shared-generic equality comparer,
        // which showed in the decision profile (benchmarks/README.md).
        foreach (var held in Holdings)
        {
            if (string.Equals(held, product))
            {
                return true;
            }
        }

        return false;
    }
}
