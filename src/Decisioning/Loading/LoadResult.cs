using Decisioning.Files;
using Decisioning.Diagnostics;
using Decisioning.Plan;

namespace Decisioning.Loading;

/// <summary>The outcome of loading a map: a plan when there was no error, and every diagnostic.</summary>
public sealed record LoadResult(DecisionPlan? Plan, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Success => Plan is not null;

    /// <summary>The map's content hash (<see cref="Plan.MapHash"/>) when it loaded; null when it did not.</summary>
    public string? MapHash => Plan?.MapHash;

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);
}
