using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Board;
using Decisioning.Reporting.Rendering.Json;

namespace Decisioning.Reporting.Rendering;

/// <summary>Writes DIR/dashboard.json and DIR/dashboard.html, each whole or not at all.</summary>
public static class DashboardFiles
{
    /// <summary>The board's JSON file name.</summary>
    public const string JsonName = "dashboard.json";

    /// <summary>The board's self-contained HTML page's file name.</summary>
    public const string HtmlName = "dashboard.html";

    /// <summary>Creates the directory when needed; throws <see cref="IOException"/> when it cannot write.</summary>
    public static void Write(Dashboard board, string directory, BoardLanguage language = BoardLanguage.English)
    {
        ArgumentNullException.ThrowIfNull(board);
        Directory.CreateDirectory(directory);
        ReportFiles.WriteAtomically(Path.Combine(directory, JsonName), stream => DashboardJsonWriter.Write(board, stream));
        ReportFiles.WriteAtomically(Path.Combine(directory, HtmlName), stream => DashboardHtmlWriter.Write(board, stream, language));
    }
}
