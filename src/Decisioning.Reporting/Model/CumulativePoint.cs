namespace Decisioning.Reporting.Model;

/// <summary>
/// Share of a group's customers that converted within <see cref="Days"/> of their decision;
/// null for an empty group. At the end of the window it equals the conversion rate.
/// </summary>
public sealed record CumulativePoint(double Days, double? Model, double? Control);
