using System.Globalization;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>One gate a strategy went through: passed or failed, and what it looked at.</summary>
/// <remarks><see cref="Detail"/> says in words what a gate without an expression looked at: the wave due and when, the response that stopped a sequence, the suppression rule and the records it counted.</remarks>
public sealed record GateRecord(string Gate, bool Passed, string? Expression, IReadOnlyDictionary<string, string?> Values, string? Detail = null);

/// <summary>One channel a strategy tried, and why it failed (null when it was chosen), with the numbers behind a failure.</summary>
public sealed record ChannelAttempt(string Channel, string? Failure, string? Script, string? Detail = null);

/// <summary>Everything one strategy went through for one customer.</summary>
public sealed record StrategyExplanation(
    string Strategy,
    IReadOnlyList<GateRecord> Gates,
    IReadOnlyList<ChannelAttempt> Channels,
    string? Reason,
    double? Score,
    double? Propensity);

/// <summary>
/// Records a decision step by step for <c>explain</c>: the customer's profile, every gate of every
/// strategy with the values a failing condition saw, and every channel tried. One per decision.
/// </summary>
public sealed class Explanation : IExplainRecorder
{
    private readonly Dictionary<StrategyPlan, (List<GateRecord> Gates, List<ChannelAttempt> Channels)> _open = [];
    private readonly List<StrategyExplanation> _strategies = [];

    /// <summary>The customer's tier id, or null when no tier matched.</summary>
    public string? Tier { get; private set; }

    /// <summary>The customer's lifecycle stage id, or null when no stage matched.</summary>
    public string? Stage { get; private set; }

    /// <summary>The ids of the segments the customer is in, in map order.</summary>
    public IReadOnlyList<string> Segments { get; private set; } = [];

    /// <summary>Every strategy, in map order, with the gates it passed or failed and the channels it tried.</summary>
    public IReadOnlyList<StrategyExplanation> Strategies => _strategies;

    void IExplainRecorder.Profile(Frame frame)
    {
        Tier = frame.Tier;
        Stage = frame.Stage;
        Segments = [.. frame.Segments];
    }

    void IExplainRecorder.Gate(StrategyPlan strategy, string gate, bool passed, CompiledCondition? condition, Frame frame, string? detail)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!passed && condition is not null)
        {
            foreach (var name in condition.Names)
            {
                values[name] = ValueOf(frame, name);
            }
        }

        Open(strategy).Gates.Add(new GateRecord(gate, passed, condition?.Text, values, detail));
    }

    void IExplainRecorder.ChannelTried(StrategyPlan strategy, ChannelPlan channel, string? failure, string? script, string? detail) =>
        Open(strategy).Channels.Add(new ChannelAttempt(channel.Id, failure, script, detail));

    void IExplainRecorder.Outcome(StrategyPlan strategy, string? reason, Candidate? candidate)
    {
        var (gates, channels) = Open(strategy);
        _strategies.Add(new StrategyExplanation(strategy.Id, gates, channels, reason, candidate?.Score, candidate?.Propensity));
    }

    private (List<GateRecord> Gates, List<ChannelAttempt> Channels) Open(StrategyPlan strategy)
    {
        if (!_open.TryGetValue(strategy, out var entry))
        {
            entry = ([], []);
            _open[strategy] = entry;
        }

        return entry;
    }

    private static string? ValueOf(Frame frame, string name)
    {
        switch (name)
        {
            case "holdings":
                return "[" + string.Join(", ", frame.Holdings) + "]";
            case "segments":
                return "[" + string.Join(", ", frame.Segments) + "]";
            case "tier":
                return frame.Tier;
            case "stage":
                return frame.Stage;
            case "event":
                return frame.Event is { } e ? Describe(e) : null;
        }

        return frame.Customer.Layout.Find(name) is { } slot ? Format(frame.Customer.Get(slot.Index)) : null;
    }

    /// <summary>An event's payload as <c>name=value, ...</c>, for people.</summary>
    internal static string Describe(ValueRow payload) =>
        string.Join(", ", payload.Layout.Fields.Select(f => $"{f.Name}={Format(payload.Get(f.Index))}"));

    /// <summary>A duration as a map writes it: <c>7d</c>, <c>12h</c>, <c>90m</c>.</summary>
    internal static string Duration(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 ? $"{span.Days}d"
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(long)span.TotalHours}h"
        : $"{(long)span.TotalMinutes}m";

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
