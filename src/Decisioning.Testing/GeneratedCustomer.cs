using Decisioning.Plan;
using Decisioning.Runtime;
using Decisioning.Snapshots;

namespace Decisioning.Testing;

/// <summary>
/// A customer snapshot made by <see cref="MapArbitraries"/>: valid for the map it was generated
/// from, immutable, and shown as its snapshot JSON (spec section 2), so that a failing property
/// prints a customer a person can read and paste into <c>decisioning explain</c>.
/// </summary>
public sealed class GeneratedCustomer
{
    private readonly string _idField;
    private readonly KeyValuePair<string, object?>[] _fields;
    private string? _json;
    private CustomerSnapshot? _snapshot;

    internal GeneratedCustomer(string idField, string id, KeyValuePair<string, object?>[] fields, string[] holdings,
        EventSnapshot[] events, ContactSnapshot[] contacts, ResponseSnapshot[]? responses = null)
    {
        Responses = responses ?? [];
        _idField = idField;
        Id = id;
        _fields = fields;
        Holdings = holdings;
        Events = events;
        Contacts = contacts;
    }

    /// <summary>The value of the map's key field.</summary>
    public string Id { get; }

    /// <summary>Every declared field in the map's order, as <see cref="int"/>, <see cref="decimal"/>, <see cref="bool"/>, <see cref="string"/>, a UTC <see cref="DateTime"/> or null.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Fields => _fields;

    /// <summary>The ids of the products the customer holds.</summary>
    public IReadOnlyList<string> Holdings { get; }

    /// <summary>The customer's recent events, for event scenarios.</summary>
    public IReadOnlyList<EventSnapshot> Events { get; }

    /// <summary>The customer's past contacts, for contact policies and cooldowns.</summary>
    public IReadOnlyList<ContactSnapshot> Contacts { get; }

    /// <summary>The customer's responses (responded, declined, converted), for waves and suppression rules.</summary>
    public IReadOnlyList<ResponseSnapshot> Responses { get; }

    /// <summary>The snapshot as one line of JSON (spec section 2).</summary>
    public string Json => _json ??= SnapshotJson.Write(_idField, Id, _fields, Holdings, Events, Contacts, Responses);

    /// <summary>The snapshot as a host passes it to the engine (read from <see cref="Json"/>).</summary>
    public CustomerSnapshot Snapshot => _snapshot ??= CustomerSnapshot.FromJson(Json);

    /// <summary>The value of a declared field.</summary>
    /// <exception cref="KeyNotFoundException">No such field.</exception>
    public object? this[string field] =>
        Array.Find(_fields, f => f.Key == field) is { Key: not null } found ? found.Value : throw new KeyNotFoundException(field);

    /// <summary>Reads the snapshot for <paramref name="plan"/>, as the command line and the engine do.</summary>
    public (CustomerRecord? Customer, SnapshotError? Error) TryRead(DecisionPlan plan) => new SnapshotReader(plan).Read(Json);

    /// <summary>Reads the snapshot for <paramref name="plan"/>.</summary>
    /// <exception cref="InvalidOperationException">The snapshot is not valid for <paramref name="plan"/> (a map it was not generated from).</exception>
    public CustomerRecord ReadFor(DecisionPlan plan)
    {
        var (customer, error) = TryRead(plan);
        return customer ?? throw new InvalidOperationException($"snapshot not valid for map {plan.MapId} {plan.Version}: {error!.Code}: {error.Message}\n{Json}");
    }

    /// <summary>The snapshot as one line of JSON (<see cref="Json"/>), as a counterexample prints.</summary>
    public override string ToString() => Json;

    internal GeneratedCustomer With(
        string? id = null,
        KeyValuePair<string, object?>[]? fields = null,
        string[]? holdings = null,
        EventSnapshot[]? events = null,
        ContactSnapshot[]? contacts = null,
        ResponseSnapshot[]? responses = null) =>
        new(_idField, id ?? Id, fields ?? _fields, holdings ?? [.. Holdings], events ?? [.. Events], contacts ?? [.. Contacts],
            responses ?? [.. Responses]);
}
