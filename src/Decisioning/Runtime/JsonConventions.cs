using System.Text.Encodings.Web;
using System.Text.Json;

namespace Decisioning.Runtime;

/// <summary>
/// What every JSON text the product writes has in common, kept below every writer (decision lines,
/// snapshots, model state files, history exports) so that they cannot drift apart.
/// </summary>
internal static class JsonConventions
{
    /// <summary>
    /// Non-ASCII text (a script in Chinese, a customer's name) written as it is, not as <c>\uXXXX</c>
    /// escapes: the files are UTF-8 and read by people as well as programs.
    /// </summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The writer options of every line the product writes: compact, non-ASCII text written as is.</summary>
    public static readonly JsonWriterOptions LineWriter = new()
    {
        Encoder = Encoder,
        Indented = false,
        SkipValidation = true,
    };

    /// <summary>A text encoded once, as the line writer would encode it (ids written into every decision).</summary>
    public static JsonEncodedText Encode(string text) => JsonEncodedText.Encode(text, LineWriter.Encoder);
}
