using System.Buffers;
using System.Text.Json;
using Decisioning.Plan;

namespace Decisioning.Serialization;

/// <summary>
/// The <c>shadow</c> field of a decision line (spec section 14): what a challenger map decided for
/// the same snapshot at the same time, appended as the last field of the served decision's line:
/// <code>"shadow": {"map": ..., "version": ..., "mapHash": ..., "actions": [...]}</code>
/// The shadow's actions are copied from its own decision line, so they have exactly the shape of the
/// served decision's <c>actions</c>. A snapshot the shadow cannot read gives
/// <c>"error": {"code", "message"}</c> in place of <c>actions</c>. A snapshot the served map cannot
/// read gives its error line alone: the shadow decides only what the served map decides.
/// </summary>
public static class ShadowJson
{
    private static readonly byte[] Field = ",\"shadow\":"u8.ToArray();
    private static readonly JsonEncodedText Map = JsonEncodedText.Encode("map");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText MapHash = JsonEncodedText.Encode("mapHash");
    private static readonly JsonEncodedText Actions = JsonEncodedText.Encode("actions");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");

    /// <summary>
    /// Writes <paramref name="servedLine"/> (a decision line, one JSON object) with a <c>shadow</c>
    /// field made from <paramref name="shadowLine"/> (the shadow's decision line, or its error line
    /// for the same snapshot) before its closing brace.
    /// </summary>
    /// <param name="servedLine">The served decision's line, without a line break.</param>
    /// <param name="shadowLine">The shadow's decision or error line, without a line break.</param>
    /// <param name="shadowPlan">The shadow's map, named in the field when its line is an error record.</param>
    /// <param name="output">Where the combined line goes (no line break is added).</param>
    /// <param name="scratch">A writer to reuse from line to line; reset here.</param>
    public static void Append(ReadOnlySpan<byte> servedLine, ReadOnlySpan<byte> shadowLine, DecisionPlan shadowPlan,
        IBufferWriter<byte> output, Utf8JsonWriter scratch)
    {
        ArgumentNullException.ThrowIfNull(shadowPlan);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(scratch);
        var end = servedLine.LastIndexOf((byte)'}');
        if (end < 0)
        {
            throw new ArgumentException("the served line is not a JSON object", nameof(servedLine));
        }

        output.Write(servedLine[..end]);
        output.Write(Field);
        scratch.Reset(output);
        WriteField(scratch, shadowLine, shadowPlan);
        scratch.Flush();
        output.Write("}"u8);
    }

    /// <summary>The served decision's line with the shadow's field, as one string (for hosts and tests).</summary>
    public static string Combine(string servedLine, string shadowLine, DecisionPlan shadowPlan)
    {
        var output = new ArrayBufferWriter<byte>(servedLine.Length + shadowLine.Length);
        using var scratch = new Utf8JsonWriter(output, DecisionJson.WriterOptions);
        Append(System.Text.Encoding.UTF8.GetBytes(servedLine), System.Text.Encoding.UTF8.GetBytes(shadowLine), shadowPlan, output, scratch);
        return System.Text.Encoding.UTF8.GetString(output.WrittenSpan);
    }

    // The shadow object: its map, version and hash as its own decision line states them (an error
    // line does not, so the plan names them), then its actions or its error record.
    private static void WriteField(Utf8JsonWriter w, ReadOnlySpan<byte> shadowLine, DecisionPlan plan)
    {
        var reader = new Utf8JsonReader(shadowLine);
        using var line = JsonDocument.ParseValue(ref reader);
        var root = line.RootElement;
        w.WriteStartObject();
        if (root.TryGetProperty(Error.EncodedUtf8Bytes, out var error))
        {
            w.WriteString(Map, plan.MapId);
            w.WriteString(Version, plan.Version);
            w.WriteString(MapHash, plan.MapHash);
            w.WritePropertyName(Error);
            error.WriteTo(w);
        }
        else
        {
            Copy(w, root, Map);
            Copy(w, root, Version);
            Copy(w, root, MapHash);
            w.WritePropertyName(Actions);
            root.GetProperty(Actions.EncodedUtf8Bytes).WriteTo(w);
        }

        w.WriteEndObject();
    }

    private static void Copy(Utf8JsonWriter w, JsonElement root, JsonEncodedText name)
    {
        if (root.TryGetProperty(name.EncodedUtf8Bytes, out var value))
        {
            w.WritePropertyName(name);
            value.WriteTo(w);
        }
    }
}
