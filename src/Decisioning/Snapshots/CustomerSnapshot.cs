using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Snapshots;

/// <summary>
/// A customer snapshot (spec section 2) as a host has it: JSON, a dictionary, or an object of its
/// own. It knows no map: the engine reads it against the map version serving at decision time,
/// so the same snapshot keeps working across reloads. Immutable once made, if what it wraps is.
/// </summary>
public abstract class CustomerSnapshot
{
    private protected CustomerSnapshot()
    {
    }

    /// <summary>A snapshot in the JSON of spec section 2, read in one pass when decided.</summary>
    public static CustomerSnapshot FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new JsonSnapshot(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>A snapshot in UTF-8 JSON (a request body, a message), not copied: do not change the bytes after.</summary>
    public static CustomerSnapshot FromJson(ReadOnlyMemory<byte> utf8Json) => new JsonSnapshot(utf8Json);

    /// <summary>
    /// A snapshot from field values by name (the map's field names, and its id field). Values are
    /// CLR values (<see cref="int"/>, <see cref="decimal"/>, <see cref="double"/>, <see cref="bool"/>,
    /// <see cref="string"/>, <see cref="DateTime"/>, <see cref="DateTimeOffset"/>, <see cref="DateOnly"/>)
    /// or <see cref="System.Text.Json.JsonElement"/>s; a date may also be an ISO-8601 string.
    /// </summary>
    public static CustomerSnapshot FromDictionary(
        IReadOnlyDictionary<string, object?> fields,
        IEnumerable<string>? holdings = null,
        IEnumerable<EventSnapshot>? events = null,
        IEnumerable<ContactSnapshot>? contacts = null,
        IEnumerable<ResponseSnapshot>? responses = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new DictionarySnapshot(fields, holdings, events, contacts, responses);
    }

    /// <summary>
    /// A snapshot from a host's own object: its public properties are matched to the map's fields
    /// by name (a <c>[JsonPropertyName]</c> first, then the property name, ignoring case), and
    /// <c>Holdings</c>, <c>Events</c>, <c>Contacts</c> and <c>Responses</c> properties of the types of this namespace
    /// are read too. Getters are compiled once per type <typeparamref name="T"/> and bound once per
    /// map version; no reflection runs per call. An id property may be a string, a Guid or an integer.
    /// </summary>
    public static CustomerSnapshot FromObject<T>(T customer)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new ObjectSnapshot<T>(customer);
    }

    /// <summary>Reads the snapshot into <paramref name="plan"/>'s typed record, or gives its error record.</summary>
    public abstract (CustomerRecord? Customer, SnapshotError? Error) Read(DecisionPlan plan);
}
