namespace Decisioning.Evaluation;

/// <summary>
/// Why one snapshot could not be decided. Codes are stable (docs/reference/snapshot-errors.md); the
/// customer id is known when the line got far enough to show it.
/// </summary>
public sealed record SnapshotError(string? CustomerId, string Code, string Message);

/// <summary>The codes of <see cref="SnapshotError"/>.</summary>
public static class SnapshotErrorCodes
{
    public const string InvalidJson = "invalid-json";
    public const string NotAnObject = "not-an-object";
    public const string MissingId = "missing-id";
    public const string MissingField = "missing-field";
    public const string NullField = "null-field";
    public const string WrongType = "wrong-type";
    public const string OutOfRange = "out-of-range";
    public const string BadDate = "bad-date";
    public const string BadHoldings = "bad-holdings";
    public const string BadEvents = "bad-events";
    public const string BadContacts = "bad-contacts";
    public const string BadResponses = "bad-responses";

    /// <summary>A key the reader uses (the key field, a declared field, holdings, events, contacts) appears twice.</summary>
    public const string DuplicateKey = "duplicate-key";

    /// <summary>The snapshot was read, but deciding it failed (see <see cref="DecisionFailedException"/>).</summary>
    public const string EvaluationFailed = "evaluation-failed";
}

/// <summary>Thrown inside the reader only, to leave a bad line at the first problem.</summary>
internal sealed class SnapshotFormatException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
