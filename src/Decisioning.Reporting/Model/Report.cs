namespace Decisioning.Reporting.Model;

/// <summary>
/// The post-evaluation of one experiment (report.json). <see cref="Experiment"/> is null when no
/// decision carried one. <see cref="Strategies"/> are sorted by strategy id (ordinal).
/// <see cref="Period"/> and <see cref="Cumulative"/> are additions to spec section 6.
/// </summary>
public sealed record Report(
    string? Experiment,
    string Window,
    DecisionPeriod Period,
    ReportCounts Counts,
    SampleRatio Srm,
    Comparison Overall,
    IReadOnlyList<StrategyComparison> Strategies,
    IReadOnlyList<CumulativePoint> Cumulative)
{
    /// <summary>
    /// Each adaptive model instance's maturity per learned-state version, over every decision of
    /// the log (with or without the experiment); empty when no decision was made with one.
    /// </summary>
    public IReadOnlyList<ModelMaturity> Adaptive { get; init; } = [];
}

/// <summary>The first and last <c>at</c> among the experiment's decisions; null when none.</summary>
public sealed record DecisionPeriod(DateTimeOffset? From, DateTimeOffset? To);
