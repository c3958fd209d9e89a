using System.Globalization;
using System.Text;
using Decisioning.Loading;

namespace Decisioning.Cli.Infrastructure;

/// <summary>Shared pieces of the commands: loading a map with its errors printed, files, times.</summary>
internal static class CliIo
{
    public static readonly Encoding Utf8 = new UTF8Encoding(false);

    /// <summary>Loads a map; prints its diagnostics to stderr when it has errors (or warnings).</summary>
    public static LoadResult LoadMap(string path, CliContext context)
    {
        var result = MapLoader.Load(path);
        foreach (var diagnostic in result.Diagnostics)
        {
            context.Error.WriteLine(diagnostic.ToString());
        }

        if (!result.Success)
        {
            context.Error.WriteLine($"error: the map '{path}' is invalid; nothing was evaluated");
        }

        return result;
    }

    /// <summary>Opens input: a file, or standard input for "-".</summary>
    /// <exception cref="IOException">No such file, or a folder: Program prints it as one <c>error:</c> line.</exception>
    public static TextReader OpenInput(string path) =>
        path == "-" ? new StreamReader(Console.OpenStandardInput(), Utf8) : new StreamReader(RequireFile(path), Utf8, true, 1 << 16);

    /// <summary>
    /// The lines of a file, or of standard input for "-", lazily, read by the product's one line
    /// reader (<see cref="Streaming.OrderedParallel.Lines"/>): every command reads its JSON-lines
    /// inputs the same way, whatever their line ends, byte order mark or encoding.
    /// </summary>
    /// <exception cref="IOException">No such file, or a folder (when the first line is asked for).</exception>
    public static IEnumerable<string> Lines(string path)
    {
        using var input = OpenInputStream(path);
        foreach (var line in Streaming.OrderedParallel.Lines(input))
        {
            yield return line;
        }
    }

    /// <summary>Opens input as bytes, for the line reader (<c>Utf8LineReader</c>): a file, or standard input for "-".</summary>
    /// <exception cref="IOException">No such file, or a folder: Program prints it as one <c>error:</c> line.</exception>
    public static Stream OpenInputStream(string path) =>
        path == "-" ? Console.OpenStandardInput()
            : new FileStream(RequireFile(path), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

    /// <summary>
    /// <paramref name="path"/>, when it names an existing file; otherwise an <see cref="IOException"/>
    /// that says what is wrong in words (.NET reports a folder as "access denied").
    /// </summary>
    public static string RequireFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new IOException($"'{path}' is a folder, not a file");
        }

        return File.Exists(path) ? path : throw new FileNotFoundException($"no file '{path}'", path);
    }

    /// <summary>Creates an output file, and its folder when missing.</summary>
    public static FileStream CreateFile(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        return File.Create(path);
    }

    /// <summary>Parses --at (ISO-8601; an offset is converted to UTC), or now in UTC.</summary>
    public static bool TryParseAt(string? text, TimeProvider clock, out DateTime at, CliContext context)
    {
        if (text is null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            at = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
            return true;
        }

        if (Model.Syntax.TryParseInstant(text, out at))
        {
            return true;
        }

        context.Error.WriteLine($"error: --at '{text}' is not an ISO-8601 date or date-time");
        return false;
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
