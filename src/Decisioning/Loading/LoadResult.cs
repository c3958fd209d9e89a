using Decisioning.Diagnostics;
using Decisioning.Plan;

namespace Decisioning.Loading;

/// <summary>The outcome of loading a map: a plan when there was no error, and every diagnostic.</summary>
public sealed record LoadResult(DecisionPlan? Plan, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Success => Plan is not null;

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);
}
