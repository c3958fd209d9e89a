using System.Text.Json;

namespace Decisioning.Snapshots;

/// <summary>
/// System.Text.Json's failures in our own words: what is wrong and where on the line, without the
/// reader's internals ("LineNumber: 0 | BytePositionInLine: 29").
/// </summary>
internal static class JsonErrorText
{
    /// <summary>A one-line description of <paramref name="e"/> for a line of <paramref name="length"/> bytes.</summary>
    public static string Describe(JsonException e, int length)
    {
        var position = e.BytePositionInLine is { } p ? (int)p : -1;
        // The reader's own position suffix ("LineNumber: 0 | BytePositionInLine: 29.") is not matched on.
        var raw = e.Message.Split(" LineNumber:")[0];
        var reason =
            position >= length || raw.Contains("Expected depth to be zero", StringComparison.Ordinal) || raw.Contains("end of data was reached", StringComparison.Ordinal)
                ? "the line ends before the JSON is complete (a missing '}', ']' or '\"'?)"
            : raw.Contains("after a single JSON value", StringComparison.Ordinal) ? "text after the end of the JSON object"
            : raw.Contains("Expected either ','", StringComparison.Ordinal) || raw.Contains("Expected a delimiter", StringComparison.Ordinal) ? "a ',' is missing between two values"
            : raw.Contains("escapable character", StringComparison.Ordinal) || raw.Contains("hex digit", StringComparison.Ordinal) ? "a bad escape sequence in a string (\\\\ writes a backslash)"
            : raw.Contains("JSON literal", StringComparison.Ordinal) ? "a bare word that is not true, false or null (text needs double quotes)"
            : raw.Contains("start of a property name", StringComparison.Ordinal) ? "a property name must be in double quotes (no trailing comma)"
            : raw.Contains("invalid start of a value", StringComparison.Ordinal) ? "a value is missing or is not JSON (text needs double quotes)"
            : raw.Contains("trailing comma", StringComparison.Ordinal) ? "a trailing comma before '}' or ']'"
            : raw.Contains("invalid within a JSON string", StringComparison.Ordinal) ? "a raw control character (a tab or a line break) inside a string; escape it"
            : raw.Contains("number", StringComparison.OrdinalIgnoreCase) ? "a malformed number"
            : "not valid JSON";
        return position >= 0 && position < length ? $"invalid JSON at byte {position + 1}: {reason}" : $"invalid JSON: {reason}";
    }

    /// <summary>A string the reader cannot turn into text: an escaped lone surrogate, or bytes that are not UTF-8.</summary>
    public const string NotText = "invalid JSON text: a string holds an escaped lone UTF-16 surrogate or bytes that are not UTF-8";
}
