namespace Decisioning.Reporting.Rendering.Board;

/// <summary>One colour per reason code, by gate order, so the funnel and the no-action chart agree.</summary>
internal static class ReasonPalette
{
    public const string Selected = "#16a34a";

    private static readonly Dictionary<string, string> Colours = new(StringComparer.Ordinal)
    {
        ["inactive"] = "#cbd5e1",
        ["not-targeted"] = "#94a3b8",
        ["scenario"] = "#a78bfa",
        ["condition"] = "#818cf8",
        ["ineligible"] = "#60a5fa",
        ["already-held"] = "#38bdf8",
        ["suppressed"] = "#f472b6",
        ["responded"] = "#fb7185",
        ["wave-pending"] = "#fdba74",
        ["cooldown"] = "#fbbf24",
        ["no-channel"] = "#f97316",
        ["policy"] = "#ef4444",
        ["arbitration"] = "#b91c1c",
        ["capacity"] = "#7c2d12",
        ["control"] = "#f59e0b",
        ["no-strategies"] = "#64748b",
    };

    public static string Of(string reason) => Colours.GetValueOrDefault(reason, "#9ca3af");
}
