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
    /// <exception cref="IOException">No such file, a folder, or a closed standard input: Program prints it as one <c>error:</c> line.</exception>
    public static Stream OpenInputStream(string path) =>
        path == "-" ? StandardInput.Open()
            : new FileStream(RequireFile(path), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

    /// <summary>
    /// The bytes of <paramref name="input"/> up to <paramref name="maxBytes"/> + 1: a caller that reads
    /// a whole file into memory tells a file over its limit by the length, and a device without end
    /// (<c>/dev/zero</c>) or a file of gigabytes costs no more than the limit.
    /// </summary>
    public static byte[] ReadAtMost(Stream input, int maxBytes)
    {
        using var kept = new MemoryStream();
        var buffer = new byte[1 << 16];
        while (kept.Length <= maxBytes)
        {
            var read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1L - kept.Length));
            if (read == 0)
            {
                break;
            }

            kept.Write(buffer, 0, read);
        }

        return kept.ToArray();
    }

    /// <summary>
    /// A whole file read as text (its byte order mark honoured, as <see cref="File.ReadAllText(string)"/>
    /// does), at most <paramref name="maxBytes"/>; a larger one is an <see cref="IOException"/> naming
    /// the limit (Program prints it as one <c>error:</c> line).
    /// </summary>
    public static string ReadAllText(string path, int maxBytes, string what)
    {
        byte[] bytes;
        using (var input = OpenInputStream(path))
        {
            bytes = ReadAtMost(input, maxBytes);
        }

        if (bytes.Length > maxBytes)
        {
            throw new IOException($"'{path}' holds more than {maxBytes:N0} bytes; {what} may hold at most that");
        }

        return Decode(bytes);
    }

    /// <summary>Bytes as text, by their byte order mark (UTF-8 without one), as a <see cref="StreamReader"/> reads a file.</summary>
    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Utf8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

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

    /// <summary>
    /// Parses --at (ISO-8601; an offset is converted to UTC), or now in UTC; <paramref name="option"/>
    /// names the option in the error line when another option takes a time the same way.
    /// </summary>
    public static bool TryParseAt(string? text, TimeProvider clock, out DateTime at, CliContext context, string option = "--at")
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

        context.Error.WriteLine($"error: {option} '{text}' is not an ISO-8601 date or date-time");
        return false;
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
