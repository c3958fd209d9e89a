using System.Text.Json;
using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Rendering.Json;

/// <summary>One <c>COMPARISON</c> object; a per-strategy one starts with its <c>strategy</c>.</summary>
internal static class ComparisonJson
{
    public static void Write(Utf8JsonWriter json, Comparison comparison, string? strategy)
    {
        json.WriteStartObject();
        if (strategy is not null)
        {
            json.WriteString("strategy", strategy);
        }

        json.WriteStartObject("groups");
        WriteGroup(json, "model", comparison.Model);
        WriteGroup(json, "control", comparison.Control);
        json.WriteEndObject();

        var conversion = comparison.Conversion;
        json.WriteStartObject("conversion");
        WriteInterval(json, "absolute", conversion.Absolute);
        WriteInterval(json, "relative", conversion.Relative);
        json.WriteNumberOrNull("pValue", conversion.PValue);
        json.WriteNumberOrNull("incremental", conversion.Incremental);
        json.WriteNumberOrNull("pValueAdjusted", conversion.PValueAdjusted);
        json.WriteEndObject();

        var value = comparison.Value;
        json.WriteStartObject("value");
        WriteInterval(json, "absolute", value.Absolute);
        json.WriteNumberOrNull("df", value.Df);
        json.WriteNumberOrNull("pValue", value.PValue);
        json.WriteNumberOrNull("incremental", value.Incremental);
        json.WriteNumberOrNull("pValueAdjusted", value.PValueAdjusted);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteGroup(Utf8JsonWriter json, string name, GroupSummary group)
    {
        json.WriteStartObject(name);
        json.WriteNumber("customers", group.Customers);
        json.WriteNumber("converters", group.Converters);
        json.WriteNumberOrNull("conversionRate", group.ConversionRate);
        json.WriteNumberOrNull("valuePerCustomer", group.ValuePerCustomer);
        json.WriteNumberOrNull("valueVariance", group.ValueVariance);
        json.WriteNumber("responders", group.Responders);
        json.WriteNumberOrNull("responseRate", group.ResponseRate);
        json.WriteEndObject();
    }

    private static void WriteInterval(Utf8JsonWriter json, string name, Interval interval)
    {
        json.WriteStartObject(name);
        json.WriteNumberOrNull("estimate", interval.Estimate);
        json.WriteNumberOrNull("low", interval.Low);
        json.WriteNumberOrNull("high", interval.High);
        json.WriteEndObject();
    }
}
