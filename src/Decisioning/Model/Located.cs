using Decisioning.Diagnostics;

namespace Decisioning.Model;

/// <summary>A value from the map together with the place it was written, for diagnostics.</summary>
internal readonly record struct Located<T>(T Value, SourceLocation Location)
{
    public override string ToString() => $"{Value}";
}
