using System.Text.Json.Serialization;
using Decisioning.Diagnostics;

namespace Decisioning.Hosting;

/// <summary>The version of a map being served, and how its last reload went.</summary>
/// <param name="Id">The map id.</param>
/// <param name="Version">The map's <c>version:</c>, echoed in every decision it makes.</param>
/// <param name="Generation">1 for the version loaded at start, one more for each version swapped in since.</param>
/// <param name="LoadedAt">When this version was swapped in.</param>
/// <param name="Source">Where the map comes from (<see cref="IMapSource.Description"/>).</param>
/// <param name="Strategies">How many strategies the version has.</param>
/// <param name="LastFailure">The last reload that was refused after this version was loaded, if any.</param>
/// <param name="Shadow">The map's shadow (the challenger deciding beside it, never served), if it has one.</param>
public sealed record MapInfo(
    string Id,
    string Version,
    long Generation,
    DateTimeOffset LoadedAt,
    string Source,
    int Strategies,
    MapLoadFailure? LastFailure,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MapInfo? Shadow = null);

/// <summary>A load that was refused: at start the host does not start; on a reload the old version kept serving.</summary>
/// <param name="At">When the load was attempted.</param>
/// <param name="Diagnostics">Every error, with its code and position (file, line, column).</param>
public sealed record MapLoadFailure(DateTimeOffset At, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Every error as the command line prints it: <c>FILE:LINE:COL: error CODE: message</c>.</summary>
    public IReadOnlyList<string> Errors => [.. Diagnostics.Select(d => d.ToString())];
}

/// <summary>The result of <see cref="IDecisionEngine.ReloadAsync"/>.</summary>
/// <param name="Succeeded">Whether a new version was swapped in.</param>
/// <param name="Serving">The version serving after the reload (the old one when it failed).</param>
/// <param name="Diagnostics">Every error of a failed reload, with its code and position; empty on success.</param>
public sealed record ReloadResult(bool Succeeded, MapInfo Serving, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Every error as the command line prints it: <c>FILE:LINE:COL: error CODE: message</c>.</summary>
    public IReadOnlyList<string> Errors => [.. Diagnostics.Select(d => d.ToString())];
}

/// <summary>The result of <see cref="IDecisionEngine.PromoteShadowAsync"/>: the map after the swap.</summary>
/// <param name="Serving">The version serving now: the shadow's until the promotion.</param>
/// <param name="PreviousVersion">The version that served until the promotion, now deciding in the shadow.</param>
public sealed record PromotionResult(MapInfo Serving, string PreviousVersion);

/// <summary>
/// The maps that could not be loaded when the engine started: the host does not start. Derives from
/// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>, as a bad configuration
/// value does; its message lists every error of every map, one a line.
/// </summary>
public sealed class MapLoadException : Microsoft.Extensions.Options.OptionsValidationException
{
    internal MapLoadException(IReadOnlyList<MapStartFailure> maps)
        : base(Microsoft.Extensions.Options.Options.DefaultName, typeof(DecisioningOptions), maps.Select(m => m.ToString()))
    {
        Maps = maps;
    }

    /// <summary>Each map (or shadow) that failed, with its diagnostics.</summary>
    public IReadOnlyList<MapStartFailure> Maps { get; }
}

/// <summary>One map that could not be loaded at start.</summary>
/// <param name="MapId">The map id.</param>
/// <param name="Role"><c>served</c>, or <c>shadow</c> for a map's shadow.</param>
/// <param name="Source">Where it was read from.</param>
/// <param name="Diagnostics">Every error, with its code and position.</param>
public sealed record MapStartFailure(string MapId, string Role, string Source, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary><c>map 'ID' from SOURCE is invalid (N errors):</c> and one error a line.</summary>
    public override string ToString() =>
        $"{(Role == MapRoles.Shadow ? "the shadow of map" : "map")} '{MapId}' from {Source} is invalid ({ErrorCount.Of(Diagnostics.Count)}):\n" +
        string.Join('\n', Diagnostics);
}

/// <summary>The roles a map's versions play: served to callers, or decided in the shadow.</summary>
public static class MapRoles
{
    /// <summary>The version callers get decisions from.</summary>
    public const string Served = "served";

    /// <summary>The challenger: decides the same snapshots after the served map, never returned to callers.</summary>
    public const string Shadow = "shadow";
}
