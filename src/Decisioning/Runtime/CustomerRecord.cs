namespace Decisioning.Runtime;

/// <summary>One MOT event of a snapshot: its type, when it happened and its payload.</summary>
internal sealed record EventRecord(string Type, DateTime At, ValueRow? Payload);

/// <summary>One past contact of a snapshot (for contact policies, cooldowns, waves and suppression); <paramref name="Wave"/> defaults to 1.</summary>
public sealed record ContactRecord(string? Channel, DateTime At, string? Strategy, string? Product, string? Outcome, int Wave = 1);

/// <summary>
/// One response of a snapshot (spec section 9): <c>responded</c>, <c>declined</c> or <c>converted</c>.
/// It belongs to a strategy by its <paramref name="Strategy"/>, or, without one, by its <paramref name="Product"/>.
/// </summary>
public sealed record ResponseRecord(DateTime At, string? Strategy, string? Product, string Kind, double Value)
{
    /// <summary>The kind of a response that is neither a decline nor a conversion.</summary>
    public const string Responded = "responded";

    /// <summary>The kind of a declined offer.</summary>
    public const string Declined = "declined";

    /// <summary>The kind of a conversion: the customer took the product.</summary>
    public const string Converted = "converted";

    /// <summary>The kinds a response may have.</summary>
    public static readonly IReadOnlyList<string> Kinds = [Responded, Declined, Converted];
}

/// <summary>
/// A customer snapshot read into a plan's own typed representation: field values by slot,
/// holdings, events and contacts with their times parsed once.
/// </summary>
/// <remarks>Made by reading a snapshot against a plan (<c>CustomerSnapshot.Read</c>); its values are read by field name (<c>CustomerRecordExtensions</c>).</remarks>
public sealed class CustomerRecord
{
    internal CustomerRecord(
        string id, ValueRow values, string[] holdings, EventRecord[] events, ContactRecord[] contacts, ResponseRecord[]? responses = null)
    {
        Id = id;
        Values = values;
        Holdings = holdings;
        Events = events;
        Contacts = contacts;
        Responses = responses ?? [];
    }

    /// <summary>The customer's id, from the map's id field.</summary>
    public string Id { get; }

    internal ValueRow Values { get; }

    /// <summary>The products the customer holds.</summary>
    public string[] Holdings { get; }

    internal EventRecord[] Events { get; }

    /// <summary>The customer's past contacts, as the snapshot gave them.</summary>
    public ContactRecord[] Contacts { get; }

    /// <summary>The customer's responses, as the snapshot gave them.</summary>
    public ResponseRecord[] Responses { get; }

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
