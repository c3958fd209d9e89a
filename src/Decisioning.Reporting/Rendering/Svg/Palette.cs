namespace Decisioning.Reporting.Rendering.Svg;

/// <summary>The colours of the charts, shared with the page's legend.</summary>
internal static class Palette
{
    public const string Model = "#2563eb";
    public const string Control = "#f59e0b";
    public const string Better = "#16a34a";
    public const string Worse = "#dc2626";
    public const string Neutral = "#6b7280";
    public const string Grid = "#e5e7eb";
    public const string Axis = "#9ca3af";
    public const string Background = "#ffffff";
}
