using Decisioning.Diagnostics;
using Decisioning.Evaluation;
using Decisioning.Plan;

namespace Decisioning.Hosting;

/// <summary>
/// One loaded version of a map, ready to decide: the plan, and an evaluator with the policies made
/// for this version. Immutable; the engine swaps whole instances.
/// </summary>
internal sealed class MapVersion(string mapId, DecisionPlan plan, Evaluator evaluator, long generation,
    DateTimeOffset loadedAt, string source, TimeSpan loadTime, IReadOnlyList<string> warnings)
{
    public string MapId { get; } = mapId;

    public DecisionPlan Plan { get; } = plan;

    public Evaluator Evaluator { get; } = evaluator;

    public long Generation { get; } = generation;

    public DateTimeOffset LoadedAt { get; } = loadedAt;

    public string Source { get; } = source;

    public TimeSpan LoadTime { get; } = loadTime;

    /// <summary>The load's warnings, as <c>FILE:LINE:COL: warning CODE: message</c>.</summary>
    public IReadOnlyList<string> Warnings { get; } = warnings;

    /// <summary>The policies made for this version (kept by a version that swaps in a learned state).</summary>
    public IReadOnlyList<IDecisionPolicy> Policies { get; init; } = [];

    /// <summary>The plan as loaded from the map's files, before any state learned online.</summary>
    public DecisionPlan LoadedPlan { get; init; } = plan;

    /// <summary>The adaptive state learned online that <see cref="Plan"/> decides with; null when none was swapped in.</summary>
    public AdaptiveState? Learned { get; init; }

    public MapInfo Info(MapLoadFailure? lastFailure, MapInfo? shadow = null) =>
        new(MapId, Plan.Version, Generation, LoadedAt, Source, Plan.StrategyIds.Count, lastFailure, shadow);

    /// <summary>The same loaded version, swapped into another slot (a promotion) as that slot's next generation.</summary>
    public MapVersion Moved(long generation, DateTimeOffset at) =>
        new(MapId, Plan, Evaluator, generation, at, Source, TimeSpan.Zero, Warnings) { Policies = Policies, LoadedPlan = LoadedPlan, Learned = Learned };

    /// <summary>
    /// The same version deciding with <paramref name="plan"/>, its loaded plan with the state
    /// <paramref name="learned"/> swapped in: same generation (the map did not change), its own evaluator.
    /// </summary>
    public MapVersion WithState(DecisionPlan plan, AdaptiveState learned) =>
        new(MapId, plan, new Evaluator(plan, Policies), Generation, LoadedAt, Source, LoadTime, Warnings)
        {
            Policies = Policies, LoadedPlan = LoadedPlan, Learned = learned,
        };
}

/// <summary>What one load of a map gave: a version, or every error.</summary>
internal sealed record LoadOutcome(MapVersion? Version, IReadOnlyList<Diagnostic> Errors, Exception? Exception)
{
    public static LoadOutcome Failed(IReadOnlyList<Diagnostic> errors, Exception? exception = null) => new(null, errors, exception);
}
