using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Html;
using Decisioning.Reporting.Rendering.Json;

namespace Decisioning.Reporting.Rendering;

/// <summary>Writes DIR/report.json and DIR/report.html, each whole or not at all.</summary>
public static class ReportFiles
{
    /// <summary>The report's JSON file name.</summary>
    public const string JsonName = "report.json";

    /// <summary>The report's self-contained HTML page's file name.</summary>
    public const string HtmlName = "report.html";

    /// <summary>Creates the directory when needed; throws <see cref="IOException"/> when it cannot write.</summary>
    public static void Write(Report report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        WriteAtomically(Path.Combine(directory, JsonName), stream => ReportJsonWriter.Write(report, stream));
        WriteAtomically(Path.Combine(directory, HtmlName), stream => HtmlReportWriter.Write(report, stream));
    }

    internal static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            write(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
