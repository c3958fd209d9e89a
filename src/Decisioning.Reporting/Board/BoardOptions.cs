using Decisioning.Reporting.Input;
using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Board;

/// <summary>How the board cuts and attributes: the period length, the outcome window, and channel capacities when known.</summary>
public sealed record BoardOptions
{
    /// <summary>The most periods a board holds; a shorter <see cref="Period"/> over a long log is refused.</summary>
    public const int MaxPeriods = 1000;

    /// <summary>Length of one period, counted from the earliest decision (default 7 days).</summary>
    public AttributionWindow Period { get; init; } = Week;

    /// <summary>How long after a decision its outcomes count (default 30 days, as <c>report</c>).</summary>
    public AttributionWindow Window { get; init; } = AttributionWindow.Default;

    /// <summary>Channel id to <c>capacity.perDay</c> from the map, for the capacity used; empty when unknown.</summary>
    public IReadOnlyDictionary<string, long> ChannelCapacity { get; init; } = new Dictionary<string, long>();

    /// <summary>The learned states behind the decisions, for each adaptive model's bins; null when none are known.</summary>
    public LearnedStates? Learned { get; init; }

    private static AttributionWindow Week => AttributionWindow.TryParse("7d", out var week) ? week : AttributionWindow.Default;
}
