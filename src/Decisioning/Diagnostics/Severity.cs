namespace Decisioning.Diagnostics;

/// <summary>An error makes a map unusable; a warning is printed and the map still loads.</summary>
public enum Severity
{
    /// <summary>Printed; the map still loads.</summary>
    Warning,

    /// <summary>The map does not load.</summary>
    Error,
}
