using Decisioning.Files;
using System.Collections.Frozen;
using Decisioning.Diagnostics;
using Decisioning.Model;

namespace Decisioning.Compilation;

/// <summary>
/// Reads a named list (名单): one customer id a line, the path relative to the map file that names
/// it. Blank lines, a UTF-8 BOM and CRLF endings are accepted; a line with commas is taken as a CSV
/// row whose first column is the id.
/// </summary>
internal static class NamedList
{
    public static FrozenSet<string>? Read(Located<string> path, DiagnosticBag diagnostics) =>
        Read(path, diagnostics, full => MapFileRules.ReadInside(MapRelative.Folder(path), full));

    /// <summary>As the public overload, the file's bytes read by <paramref name="read"/> (the loader's, which hashes them).</summary>
    internal static FrozenSet<string>? Read(Located<string> path, DiagnosticBag diagnostics, Func<string, byte[]> read, CompileMemo? memo = null)
    {
        var full = MapRelative.Path(path);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        byte[] bytes;
        try
        {
            // Lists can hold millions of ids: not under the map's size limit but under their own
            // (MapFileRules). The bytes are read once, so the map hash covers exactly what was parsed.
            bytes = read(full);
            if (memo is not null && memo.TryList(full, bytes, out var kept))
            {
                return kept;
            }

            // The product's one line reader: the same line ends, byte order marks and encodings as
            // every other input file.
            var reader = new Utf8LineReader(new MemoryStream(bytes, writable: false));
            while (reader.TryReadLine(out var raw))
            {
                Add(ids, System.Text.Encoding.UTF8.GetString(raw));
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Only for a path inside the map's folder: outside it, MapFileRules refuse before looking,
            // so a map cannot probe which files exist on the machine.
            diagnostics.Error(DiagnosticCodes.ListFileMissing, $"list file '{path.Value}' does not exist (a list path is relative to the map file that names it)", path.Location);
            return null;
        }
        catch (MapFileRefusedException e)
        {
            diagnostics.Error(e.Code, $"list file '{path.Value}' is refused: {e.Message}", path.Location);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(DiagnosticCodes.FileUnreadable, $"cannot read list file '{path.Value}': {e.Message}", path.Location);
            return null;
        }

        var members = ids.ToFrozenSet(StringComparer.Ordinal);
        memo?.AddList(full, bytes, members);
        return members;
    }

    private static void Add(HashSet<string> ids, string raw)
    {
        {
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Contains(','))
            {
                line = line[..line.IndexOf(',')].Trim();
            }

            line = line.Trim('"');
            if (line.Length > 0)
            {
                ids.Add(line);
            }
        }
    }
}
