namespace Decisioning.Diagnostics;

/// <summary>An error makes a map unusable; a warning is printed and the map still loads.</summary>
public enum Severity
{
    Warning,
    Error,
}
