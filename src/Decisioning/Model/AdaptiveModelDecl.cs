using Decisioning.Diagnostics;

namespace Decisioning.Model;

/// <summary>
/// One predictor of an adaptive model as written: <c>age: [30, 45, 60]</c> (bin edges),
/// <c>isRetiree: bool</c> or <c>tier: category</c>. <see cref="Kind"/> is null when edges were written.
/// </summary>
internal sealed record PredictorDecl(Located<string> Name, Located<string>? Kind, IReadOnlyList<Located<double>> Edges, SourceLocation Location)
{
    /// <summary>Whether the predictor was written as a list of bin edges.</summary>
    public bool HasEdges => Kind is null;
}

/// <summary>
/// The keys of a <c>kind: adaptive</c> model (docs/adaptive.md): its predictors, the prior it starts
/// from, how much evidence it needs, how responses count, and the learned state it reads.
/// </summary>
internal sealed record AdaptiveModelDecl
{
    public IReadOnlyList<PredictorDecl> Predictors { get; init; } = [];
    public bool PredictorsWritten { get; init; }
    public Located<double>? Prior { get; init; }
    public Located<double>? PriorWeight { get; init; }
    public Located<double>? MinEvidence { get; init; }
    public Located<MapDuration>? Window { get; init; }
    public IReadOnlyList<Located<string>> Positive { get; init; } = [];
    public bool PositiveWritten { get; init; }
    public Located<string>? State { get; init; }
    public SourceLocation Location { get; init; }
}
