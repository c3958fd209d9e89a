using System.Text;

namespace Decisioning.History;

/// <summary>
/// One decision as the history keeps it: who, when, which map version (by its hash), the
/// decision line itself (spec section 4's JSON, unchanged) and, when kept, the snapshot as it was
/// decided (the host's snapshot with the history's records merged in), for <c>replay</c>.
/// </summary>
public sealed record StoredDecision(
    string CustomerId,
    DateTime At,
    string Map,
    string Version,
    string? MapHash,
    string Line,
    string? Snapshot = null,
    string Role = OfferRoles.Served)
{
    // The line as text, or null while it is held only as the UTF-8 bytes the decision was
    // written in (a decision queued by the engine or by evaluate): the SQLite store binds those
    // bytes as they are, and the text is made only if something asks for it.
    private string? _line = Line;
    private readonly ReadOnlyMemory<byte>? _utf8;

    /// <summary>A decision whose line is held as the UTF-8 bytes it was written in.</summary>
    internal StoredDecision(string customerId, DateTime at, string map, string version, string? mapHash, ReadOnlyMemory<byte> utf8Line,
        string? snapshot, string role)
        : this(customerId, at, map, version, mapHash, (string)null!, snapshot, role)
    {
        _utf8 = utf8Line;
    }

    /// <summary>The decision line itself (spec section 4's JSON, unchanged).</summary>
    public string Line
    {
        get => _line ??= Encoding.UTF8.GetString(_utf8!.Value.Span);
        init
        {
            _line = value;
            _utf8 = null;
        }
    }

    /// <summary>The line's UTF-8 bytes when the decision was queued with them; otherwise null (use <see cref="Line"/>).</summary>
    internal ReadOnlyMemory<byte>? Utf8Line => _utf8;

    /// <summary>Equal when every field is, the line compared as text however each one holds it.</summary>
    public bool Equals(StoredDecision? other) =>
        ReferenceEquals(this, other) || (other is not null && CustomerId == other.CustomerId && At == other.At && Map == other.Map
            && Version == other.Version && MapHash == other.MapHash && Line == other.Line && Snapshot == other.Snapshot && Role == other.Role);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(CustomerId, At, Map, Version, MapHash, Line, Snapshot, Role);
}

/// <summary>Whether an offer was served to the customer or only computed by a shadow map.</summary>
public static class OfferRoles
{
    /// <summary>An action of the serving map: it may become a contact.</summary>
    public const string Served = "served";

    /// <summary>An action of a shadow map (spec section 14): never served, never a contact.</summary>
    public const string Shadow = "shadow";
}

/// <summary>
/// One action of a decision as an offer (spec section 13): what was offered, by which map
/// version, with its score and propensity, the customer's group and, for adaptive models, the
/// predictor values the propensity was computed from (a JSON object, or null).
/// </summary>
public sealed record OfferEntry(
    string CustomerId,
    DateTime At,
    string Map,
    string Version,
    string? MapHash,
    int Rank,
    string Strategy,
    string Product,
    string Channel,
    int Wave,
    double Score,
    double Propensity,
    string? Group,
    string Role = OfferRoles.Served,
    string? Predictors = null);

/// <summary>One contact made (spec sections 2 and 9), with the customer it was made with.</summary>
public sealed record ContactEntry(
    string CustomerId,
    DateTime At,
    string? Channel,
    string? Strategy,
    string? Product,
    int Wave = 1,
    string? Outcome = null);

/// <summary>One response received (spec sections 6 and 9): <c>responded</c>, <c>declined</c> or <c>converted</c>.</summary>
public sealed record ResponseEntry(
    string CustomerId,
    DateTime At,
    string? Strategy,
    string? Product,
    string Kind,
    double Value = 0);

/// <summary>A map version the history decided with, by its hash, and when it was first seen.</summary>
public sealed record MapVersionEntry(string Hash, string Map, string Version, DateTime FirstAt);

/// <summary>What a decision reads from the history for one customer: contacts and responses, by time.</summary>
public sealed record CustomerHistory(IReadOnlyList<ContactEntry> Contacts, IReadOnlyList<ResponseEntry> Responses)
{
    /// <summary>A customer the history has nothing for.</summary>
    public static CustomerHistory Empty { get; } = new([], []);
}

/// <summary>Records written together, in one transaction. Each list may be empty.</summary>
public sealed record HistoryBatch(
    IReadOnlyList<StoredDecision> Decisions,
    IReadOnlyList<OfferEntry> Offers,
    IReadOnlyList<ContactEntry> Contacts,
    IReadOnlyList<ResponseEntry> Responses)
{
    /// <summary>Only contacts.</summary>
    public static HistoryBatch Of(IReadOnlyList<ContactEntry> contacts) => new([], [], contacts, []);

    /// <summary>Only responses.</summary>
    public static HistoryBatch Of(IReadOnlyList<ResponseEntry> responses) => new([], [], [], responses);

    /// <summary>How many records the batch holds.</summary>
    public int Count => Decisions.Count + Offers.Count + Contacts.Count + Responses.Count;
}

/// <summary>Which records to read: one customer or all, and a time range (both ends included, either open).</summary>
public sealed record HistoryQuery(string? CustomerId = null, DateTime? From = null, DateTime? To = null)
{
    /// <summary>Everything, in the order it was recorded.</summary>
    public static HistoryQuery All { get; } = new();

    /// <summary>Whether a record of <paramref name="customerId"/> at <paramref name="at"/> is in range.</summary>
    public bool Matches(string customerId, DateTime at) =>
        (CustomerId is null || CustomerId == customerId) && (From is null || at >= From) && (To is null || at <= To);
}

/// <summary>How many records of each kind a history holds.</summary>
public sealed record HistoryCounts(long Decisions, long Offers, long Contacts, long Responses, long MapVersions);
