using System.Net;

namespace Decisioning.Reporting.Rendering.Html;

internal static class Html
{
    /// <summary>Escapes text from the input files (ids, names) for element content and attributes.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string Row(params string[] cells) =>
        "<tr>" + string.Concat(cells.Select((c, i) => i == 0 ? $"<th scope=\"row\">{c}</th>" : $"<td>{c}</td>")) + "</tr>";

    public static string Head(params string[] cells) =>
        "<thead><tr>" + string.Concat(cells.Select(c => $"<th scope=\"col\">{c}</th>")) + "</tr></thead>";
}
