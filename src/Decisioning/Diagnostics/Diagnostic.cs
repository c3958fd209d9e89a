namespace Decisioning.Diagnostics;

/// <summary>
/// One problem found while loading a map. <see cref="Code"/> is stable (see docs/reference/diagnostics.md);
/// the message is for people and may change.
/// </summary>
public sealed record Diagnostic(Severity Severity, string Code, string Message, SourceLocation Location)
{
    /// <summary>An error: the map does not load.</summary>
    public static Diagnostic Error(string code, string message, SourceLocation location) =>
        new(Severity.Error, code, message, location);

    /// <summary>A warning: printed, and the map still loads.</summary>
    public static Diagnostic Warning(string code, string message, SourceLocation location) =>
        new(Severity.Warning, code, message, location);

    /// <summary>The compiler-style line: <c>FILE:LINE:COL: error CODE: message</c>.</summary>
    public override string ToString() =>
        $"{Location}: {(Severity == Severity.Error ? "error" : "warning")} {Code}: {Message}";
}
