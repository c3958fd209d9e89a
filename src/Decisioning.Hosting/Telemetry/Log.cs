using Decisioning.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Decisioning.Telemetry;

/// <summary>
/// Every log the library writes, source-generated (no boxing or formatting while a level is off).
/// Event ids are stable; docs/telemetry.md lists them.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "MapLoaded", Level = LogLevel.Information,
        Message = "Map '{MapId}' version '{Version}' (generation {Generation}) loaded from {Source} in {ElapsedMs} ms; strategies: {Strategies}")]
    public static partial void MapLoaded(this ILogger logger, string mapId, string version, long generation, string source, long elapsedMs, int strategies);

    [LoggerMessage(EventId = 2, EventName = "MapLoadFailed", Level = LogLevel.Error,
        Message = "Map '{MapId}' from {Source} is invalid; {Serving}. Errors ({ErrorCount}):\n{Errors}")]
    public static partial void MapLoadFailed(this ILogger logger, string mapId, string source, string serving, int errorCount, string errors, Exception? exception);

    [LoggerMessage(EventId = 7, EventName = "MapDiagnostic", Level = LogLevel.Error,
        Message = "Map '{MapId}': {File}:{Line}:{Column}: error {Code}: {Text}")]
    private static partial void MapDiagnostic(this ILogger logger, string mapId, string code, string file, int line, int column, string text);

    /// <summary>
    /// A map that failed to load: the summary (event 2, <c>MapLoadFailed</c>), then each error as an
    /// event of its own with its code and position as values, for log queries by code or file.
    /// </summary>
    public static void MapLoadFailed(this ILogger logger, string mapId, string source, string serving, IReadOnlyList<Diagnostic> errors, Exception? exception)
    {
        logger.MapLoadFailed(mapId, source, serving, errors.Count, string.Join('\n', errors), exception);
        foreach (var error in errors)
        {
            logger.MapDiagnostic(mapId, error.Code, error.Location.File, error.Location.Line, error.Location.Column, error.Message);
        }
    }

    [LoggerMessage(EventId = 3, EventName = "MapChanged", Level = LogLevel.Debug,
        Message = "Map '{MapId}' changed at {Source}; reloading once it has been quiet for {DebounceMs} ms")]
    public static partial void MapChanged(this ILogger logger, string mapId, string source, double debounceMs);

    [LoggerMessage(EventId = 4, EventName = "MapVersionUnchanged", Level = LogLevel.Warning,
        Message = "Map '{MapId}' was reloaded but still says version '{Version}': decisions of the old and new content carry the same version")]
    public static partial void MapVersionUnchanged(this ILogger logger, string mapId, string version);

    [LoggerMessage(EventId = 5, EventName = "MapWarnings", Level = LogLevel.Warning,
        Message = "Map '{MapId}' version '{Version}' loaded with warnings ({WarningCount}):\n{Warnings}")]
    public static partial void MapWarnings(this ILogger logger, string mapId, string version, int warningCount, string warnings);

    [LoggerMessage(EventId = 6, EventName = "ReloadLoopFailed", Level = LogLevel.Critical,
        Message = "Watching map '{MapId}' stopped after an unexpected error; version '{Version}' keeps serving but changes are no longer picked up")]
    public static partial void ReloadLoopFailed(this ILogger logger, string mapId, string version, Exception exception);

    [LoggerMessage(EventId = 30, EventName = "AdaptiveStateSwapped", Level = LogLevel.Information,
        Message = "Map '{MapId}' version '{Version}' decides with adaptive state {State} learned online; evidence {Evidence}")]
    public static partial void AdaptiveStateSwapped(this ILogger logger, string mapId, string version, string state, long evidence);

    [LoggerMessage(EventId = 31, EventName = "AdaptiveLearningFailed", Level = LogLevel.Error,
        Message = "Learning the adaptive states of map '{MapId}' failed; its state stays as it was")]
    public static partial void AdaptiveLearningFailed(this ILogger logger, string mapId, Exception exception);

    [LoggerMessage(EventId = 20, EventName = "ShadowFailed", Level = LogLevel.Warning,
        Message = "The shadow of map '{MapId}' (version '{ShadowVersion}') failed on a snapshot; the served decision was not affected: {What}")]
    public static partial void ShadowFailed(this ILogger logger, string mapId, string shadowVersion, string what, Exception exception);

    [LoggerMessage(EventId = 21, EventName = "ShadowPromoted", Level = LogLevel.Information,
        Message = "Map '{MapId}': the shadow's version '{Version}' now serves; version '{PreviousVersion}' decides in the shadow")]
    public static partial void ShadowPromoted(this ILogger logger, string mapId, string version, string previousVersion);

    [LoggerMessage(EventId = 47, EventName = "HistoryReadUnavailable", Level = LogLevel.Warning,
        Message = "The interaction history could not be read: {Decisions} decisions of map '{MapId}' made on their snapshots alone in the last {Period}")]
    public static partial void HistoryReadUnavailable(this ILogger logger, string mapId, long decisions, TimeSpan period, Exception? exception);

    [LoggerMessage(EventId = 22, EventName = "ShadowStopped", Level = LogLevel.Warning,
        Message = "The shadow worker stopped with {Pending} snapshots not shadowed")]
    public static partial void ShadowStopped(this ILogger logger, int pending);
}
