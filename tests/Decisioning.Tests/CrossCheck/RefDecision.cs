namespace Decisioning.Tests.CrossCheck;

/// <summary>The reference's decision, in the shape of spec section 4.</summary>
public sealed record RefDecision(
    string CustomerId,
    string Map,
    string Version,
    DateTime At,
    string? Tier,
    string? Stage,
    IReadOnlyList<string> Segments,
    RefExperiment? Experiment,
    IReadOnlyList<RefAction> Actions,
    IReadOnlyList<RefAction>? Counterfactual,
    IReadOnlyList<RefTrace> Trace,
    string? NoAction)
{
    /// <summary>Spec section 13's hash of the map's files, set by whoever knows the files (<see cref="ReferenceMapHash"/>).</summary>
    public string MapHash { get; init; } = "";
}

public sealed record RefExperiment(string Id, string Group, double Bucket, double Control);

public sealed record RefAction(
    int Rank,
    string Strategy,
    string? Objective,
    string? Scenario,
    string Product,
    string Channel,
    string? Script,
    double Score,
    double Propensity,
    int? Wave = null,
    bool? Fallback = null);

/// <summary>A strategy's outcome: selected when <see cref="Reason"/> is null.</summary>
public sealed record RefTrace(string Strategy, string? Reason, string? Rule = null, int? Wave = null);

/// <summary>A strategy that passed every gate, before arbitration.</summary>
public sealed record RefCandidate(RStrategy Strategy, int Index, string Channel, string? Script, double Score, double Propensity, int Wave = 0, bool Fallback = false);
