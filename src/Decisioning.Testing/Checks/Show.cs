using System.Globalization;
using Decisioning.Evaluation;
using Decisioning.Serialization;

namespace Decisioning.Testing.Checks;

/// <summary>Times, durations and decisions as the failure messages show them.</summary>
internal static class Show
{
    public static string Instant(DateTime? at) => at is { } t ? DecisionJson.FormatInstant(t) : "-";

    /// <summary>A duration in the map's own notation: <c>7d</c>, <c>12h</c>, <c>90m</c>.</summary>
    public static string Duration(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 ? $"{span.Days}d"
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(long)span.TotalHours}h"
        : span.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{(long)span.TotalMinutes}m"
        : span.ToString("c", CultureInfo.InvariantCulture);

    public static string Decision(Decision decision) => DecisionJson.ToJson(decision);

    public static string Action(DecisionAction a) =>
        string.Create(CultureInfo.InvariantCulture, $"#{a.Rank} {a.Strategy} via {a.Channel}, product {a.Product}, score {a.Score:0.####}");

    /// <summary>The standard ending of a failure: the customer and the decision, whole.</summary>
    public static string Evidence(GeneratedCustomer customer, Decision decision) =>
        $"\ncustomer: {customer.Json}\ndecision: {Decision(decision)}";
}
