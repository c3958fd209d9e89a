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

    public MapInfo Info(MapLoadFailure? lastFailure, MapInfo? shadow = null) =>
        new(MapId, Plan.Version, Generation, LoadedAt, Source, Plan.Strategies.Count, lastFailure, shadow);

    /// <summary>The same loaded version, swapped into another slot (a promotion) as that slot's next generation.</summary>
    public MapVersion Moved(long generation, DateTimeOffset at) =>
        new(MapId, Plan, Evaluator, generation, at, Source, TimeSpan.Zero, Warnings);
}

/// <summary>What one load of a map gave: a version, or every error.</summary>
internal sealed record LoadOutcome(MapVersion? Version, IReadOnlyList<Diagnostic> Errors, Exception? Exception)
{
    public static LoadOutcome Failed(IReadOnlyList<Diagnostic> errors, Exception? exception = null) => new(null, errors, exception);

    /// <summary>The errors one a line, as the command line prints them.</summary>
    public string ErrorText => string.Join('\n', Errors);
}
