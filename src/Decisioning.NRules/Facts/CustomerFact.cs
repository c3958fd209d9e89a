using Decisioning.Evaluation;
using Decisioning.Runtime;
using Decisioning.Snapshots;

namespace Decisioning.NRules.Facts;

/// <summary>
/// The customer being decided, as a fact for rule conditions: the map's fields by name, holdings,
/// segments, tier and stage. One per decision.
/// </summary>
public sealed class CustomerFact
{
    private readonly PolicyReview _review;

    internal CustomerFact(PolicyReview review) => _review = review;

    /// <summary>The customer id.</summary>
    public string Id => _review.Customer.Id;

    /// <summary>The decided record, for host code that reads it directly.</summary>
    public CustomerRecord Record => _review.Customer;

    /// <summary>The decision time (UTC).</summary>
    public DateTime At => _review.At;

    /// <summary>The customer's tier id, or null when no tier matched.</summary>
    public string? Tier => _review.Tier;

    /// <summary>The customer's lifecycle stage id, or null when no stage matched.</summary>
    public string? Stage => _review.Stage;

    /// <summary>The ids of the segments the customer is in.</summary>
    public IReadOnlyList<string> Segments => _review.Segments;

    /// <summary>The ids of the products the customer holds.</summary>
    public IReadOnlyList<string> Holdings => _review.Customer.Holdings;

    /// <summary>Whether the customer holds <paramref name="productId"/>.</summary>
    public bool Holds(string productId) => Array.IndexOf(_review.Customer.Holdings, productId) >= 0;

    /// <summary>Whether the customer is in <paramref name="segmentId"/>.</summary>
    public bool InSegment(string segmentId) => _review.Segments.Contains(segmentId);

    /// <summary>A field's value (int, decimal, bool, string, UTC DateTime, or null).</summary>
    /// <exception cref="KeyNotFoundException">The map declares no such field.</exception>
    public object? Value(string field) => _review.Customer.GetValue(field);

    /// <summary>An int, decimal or bool field as a number (a bool is 1 or 0); null for null.</summary>
    public double? Number(string field) => _review.Customer.GetNumber(field);

    /// <summary>An int field.</summary>
    /// <exception cref="InvalidCastException">The field is not an int, or is null.</exception>
    public int Int(string field) => Value(field) is int i ? i : throw NotA("int", field);

    /// <summary>A decimal field.</summary>
    /// <exception cref="InvalidCastException">The field is not a decimal, or is null.</exception>
    public decimal Decimal(string field) => Value(field) is decimal d ? d : throw NotA("decimal", field);

    /// <summary>A bool field.</summary>
    /// <exception cref="InvalidCastException">The field is not a bool, or is null.</exception>
    public bool Bool(string field) => Value(field) is bool b ? b : throw NotA("bool", field);

    /// <summary>A string field; null when it is null or not a string.</summary>
    public string? Text(string field) => Value(field) as string;

    private InvalidCastException NotA(string kind, string field) =>
        new($"customer field '{field}' is not a non-null {kind} (it is {Value(field)?.GetType().Name ?? "null"})");
}
