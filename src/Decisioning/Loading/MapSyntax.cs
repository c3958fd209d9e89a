using Decisioning.Model;

namespace Decisioning.Loading;

/// <summary>
/// The syntax a map writes ids and instants in, for a host that takes them from its own callers (a
/// map id in configuration, an <c>at</c> in a request) and must read them as the map and the
/// command line do.
/// </summary>
public static class MapSyntax
{
    /// <summary>Whether <paramref name="text"/> is an id as a map writes one: kebab-case, <c>[a-z0-9][a-z0-9-]*</c>.</summary>
    public static bool IsId(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Syntax.IsId(text);
    }

    /// <summary>
    /// Reads an ISO-8601 date (midnight UTC) or date-time as a UTC instant; a date-time without an
    /// offset is taken as UTC, so that the same text means the same instant on every machine.
    /// </summary>
    public static bool TryParseInstant(string text, out DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Syntax.TryParseInstant(text, out utc);
    }
}
