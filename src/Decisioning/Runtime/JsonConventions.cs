using System.Text.Encodings.Web;

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
}
