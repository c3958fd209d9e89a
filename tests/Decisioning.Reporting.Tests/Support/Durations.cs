using Decisioning.Reporting.Input;

namespace Decisioning.Reporting.Tests.Support;

internal static class Durations
{
    public static bool TryParse(string text, out TimeSpan length)
    {
        var ok = AttributionWindow.TryParse(text, out var parsed);
        length = parsed.Length;
        return ok;
    }
}
