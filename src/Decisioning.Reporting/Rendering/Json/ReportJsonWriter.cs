using System.Text.Encodings.Web;
using System.Text.Json;
using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Rendering.Json;

/// <summary>
/// Writes report.json in the shape of spec section 6, field by field, so that names and order
/// are the contract's and every quantity that cannot be computed is <c>null</c>.
/// </summary>
internal static class ReportJsonWriter
{
    internal static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(Report report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var json = new Utf8JsonWriter(stream, Options);
        json.WriteStartObject();
        json.WriteString("experiment", report.Experiment);
        json.WriteString("window", report.Window);
        WritePeriod(json, report.Period);
        WriteResults(json, report);
        WriteCumulative(json, report.Cumulative);
        MaturityJson.Write(json, report.Adaptive, byPeriod: false);
        json.WriteEndObject();
    }

    /// <summary>counts, srm, overall and strategies, in report.json's order (the board writes them too).</summary>
    internal static void WriteResults(Utf8JsonWriter json, Report report)
    {
        CountsJson.Write(json, report.Counts);
        WriteSrm(json, report.Srm);
        json.WritePropertyName("overall");
        ComparisonJson.Write(json, report.Overall, strategy: null);
        json.WriteStartArray("strategies");
        foreach (var strategy in report.Strategies)
        {
            ComparisonJson.Write(json, strategy.Comparison, strategy.Strategy);
        }

        json.WriteEndArray();
    }

    public static string ToJson(Report report)
    {
        using var buffer = new MemoryStream();
        Write(report, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WritePeriod(Utf8JsonWriter json, DecisionPeriod period)
    {
        json.WriteStartObject("period");
        json.WriteString("from", Utc(period.From));
        json.WriteString("to", Utc(period.To));
        json.WriteEndObject();
    }

    /// <summary>ISO-8601 in UTC, e.g. 2026-11-23T00:00:00Z (fractions only when present).</summary>
    internal static string? Utc(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);

    internal static void WriteSrm(Utf8JsonWriter json, SampleRatio srm)
    {
        json.WriteStartObject("srm");
        json.WriteNumberOrNull("expectedControlShare", srm.ExpectedControlShare);
        json.WriteNumberOrNull("chiSquare", srm.ChiSquare);
        json.WriteNumberOrNull("pValue", srm.PValue);
        json.WriteBoolean("mismatch", srm.Mismatch);
        json.WriteNumberOrNull("observedControlShare", srm.ObservedControlShare);
        json.WriteEndObject();
    }

    private static void WriteCumulative(Utf8JsonWriter json, IReadOnlyList<CumulativePoint> points)
    {
        json.WriteStartArray("cumulative");
        foreach (var point in points)
        {
            json.WriteStartObject();
            json.WriteNumber("days", point.Days);
            json.WriteNumberOrNull("model", point.Model);
            json.WriteNumberOrNull("control", point.Control);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
