using Decisioning.Diagnostics;
using Decisioning.Plan;

namespace Decisioning.Loading;

/// <summary>The outcome of loading a map: a plan when there was no error, and every diagnostic.</summary>
public sealed record LoadResult(DecisionPlan? Plan, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether the map loaded (<see cref="Plan"/> is set): no diagnostic is an error.</summary>
    public bool Success => Plan is not null;

    /// <summary>The map's content hash (<see cref="Plan.MapHash"/>) when it loaded; null when it did not.</summary>
    public string? MapHash => Plan?.MapHash;

    /// <summary>The diagnostics of severity <see cref="Severity.Error"/>.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);
}
