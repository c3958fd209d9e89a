using System.Text.Json;

namespace Decisioning.Reporting.Rendering.Json;

internal static class JsonWriterExtensions
{
    /// <summary>Writes the number, or null when absent, NaN or infinite: report.json has neither.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
