using Microsoft.Extensions.Logging;

namespace Decisioning.NRules;

/// <summary>The NRules adapter's logs, in the <c>Decisioning</c> category (event ids from 100).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, EventName = "RulesCompiled", Level = LogLevel.Information,
        Message = "Compiled {RuleCount} NRules rules for map '{MapId}' version '{Version}' in {ElapsedMs} ms")]
    public static partial void RulesCompiled(this ILogger logger, string mapId, string version, int ruleCount, long elapsedMs);
}
