namespace Decisioning.Reporting.Model;

/// <summary>Model group versus control group (report.json <c>COMPARISON</c>).</summary>
public sealed record Comparison(
    GroupSummary Model,
    GroupSummary Control,
    ConversionResult Conversion,
    ValueResult Value);

/// <summary>The comparison over the customers whose first action was this strategy.</summary>
public sealed record StrategyComparison(string Strategy, Comparison Comparison);
