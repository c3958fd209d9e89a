namespace Decisioning.Snapshots;

/// <summary>
/// Why one snapshot could not be decided. Codes are stable (docs/reference/snapshot-errors.md); the
/// customer id is known when the line got far enough to show it.
/// </summary>
public sealed record SnapshotError(string? CustomerId, string Code, string Message);

/// <summary>The codes of <see cref="SnapshotError"/>.</summary>
public static class SnapshotErrorCodes
{
    /// <summary>The snapshot is refused when the line is not JSON, is empty, or has text after the object.</summary>
    public const string InvalidJson = "invalid-json";

    /// <summary>The snapshot is refused when the line is JSON but not an object (a list, a number, ...).</summary>
    public const string NotAnObject = "not-an-object";

    /// <summary>The snapshot is refused when the key field (<c>customer.id</c>, default <c>customerId</c>) is absent or null.</summary>
    public const string MissingId = "missing-id";

    /// <summary>The snapshot is refused when a declared, non-optional field is absent.</summary>
    public const string MissingField = "missing-field";

    /// <summary>The snapshot is refused when a declared, non-optional field is null.</summary>
    public const string NullField = "null-field";

    /// <summary>The snapshot is refused when a field of the wrong JSON type: a string for an int, <c>41.5</c> for an int, <c>"yes"</c> for a bool, a number for a string; also a key field that is not a string.</summary>
    public const string WrongType = "wrong-type";

    /// <summary>The snapshot is refused when a whole number outside the 32-bit <c>int</c> range, or a number outside <c>decimal</c>'s range.</summary>
    public const string OutOfRange = "out-of-range";

    /// <summary>The snapshot is refused when an unparsable date in a <c>date</c> field, or in the <c>at</c> of an event or contact.</summary>
    public const string BadDate = "bad-date";

    /// <summary>The snapshot is refused when <c>holdings</c> is not a list of strings.</summary>
    public const string BadHoldings = "bad-holdings";

    /// <summary>The snapshot is refused when <c>events</c> is not a list of objects, or an event lacks <c>type</c>, <c>at</c> or a declared payload field.</summary>
    public const string BadEvents = "bad-events";

    /// <summary>The snapshot is refused when <c>contacts</c> is not a list of objects, a contact lacks <c>at</c>, a contact field is not a string, or its <c>wave</c> is not a whole number from 1.</summary>
    public const string BadContacts = "bad-contacts";

    /// <summary>The snapshot is refused when <c>responses</c> is not a list of objects, a response lacks <c>at</c> or <c>kind</c>, its <c>kind</c> is not <c>responded</c>, <c>declined</c> or <c>converted</c>, or its <c>value</c> is not a number.</summary>
    public const string BadResponses = "bad-responses";

    /// <summary>A key the reader uses (the key field, a declared field, holdings, events, contacts) appears twice.</summary>
    public const string DuplicateKey = "duplicate-key";

    /// <summary>The snapshot was read, but deciding it failed (the evaluator throws it as a <c>DecisionFailedException</c>).</summary>
    public const string EvaluationFailed = "evaluation-failed";
}

/// <summary>Thrown inside the reader only, to leave a bad line at the first problem.</summary>
internal sealed class SnapshotFormatException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
