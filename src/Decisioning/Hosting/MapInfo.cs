namespace Decisioning.Hosting;

/// <summary>The version of a map being served, and how its last reload went.</summary>
/// <param name="Id">The map id.</param>
/// <param name="Version">The map's <c>version:</c>, echoed in every decision it makes.</param>
/// <param name="Generation">1 for the version loaded at start, one more for each version swapped in since.</param>
/// <param name="LoadedAt">When this version was swapped in.</param>
/// <param name="Source">Where the map comes from (<see cref="IMapSource.Description"/>).</param>
/// <param name="Strategies">How many strategies the version has.</param>
/// <param name="LastFailure">The last reload that was refused after this version was loaded, if any.</param>
public sealed record MapInfo(
    string Id,
    string Version,
    long Generation,
    DateTimeOffset LoadedAt,
    string Source,
    int Strategies,
    MapLoadFailure? LastFailure);

/// <summary>A reload that was refused: the old version kept serving.</summary>
/// <param name="At">When the reload was attempted.</param>
/// <param name="Errors">Every error, map diagnostics as <c>FILE:LINE:COL: error CODE: message</c>.</param>
public sealed record MapLoadFailure(DateTimeOffset At, IReadOnlyList<string> Errors);

/// <summary>The result of <see cref="IDecisionEngine.ReloadAsync"/>.</summary>
/// <param name="Succeeded">Whether a new version was swapped in.</param>
/// <param name="Serving">The version serving after the reload (the old one when it failed).</param>
/// <param name="Errors">Every error of a failed reload; empty on success.</param>
public sealed record ReloadResult(bool Succeeded, MapInfo Serving, IReadOnlyList<string> Errors);
