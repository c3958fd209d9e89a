using Decisioning.Diagnostics;

namespace Decisioning.Files;

/// <summary>
/// The rules for every file a load reads, so that a map can neither read the machine's other files
/// nor hang or exhaust the loader:
/// <list type="bullet">
/// <item>a file a map names (a list, an adaptive state) and every file of a map folder resolves,
/// links followed, inside the map's folder (DM042);</item>
/// <item>every file read is a regular file: never a folder, a FIFO, a device or a socket (DM043);
/// its kind is read from its status, never by opening it;</item>
/// <item>a named file holds at most <see cref="MaxNamedFileBytes"/> (DM044), a map's YAML file at
/// most <c>SourceText.MaxBytes</c> (DM004); the read itself stops there, so a file
/// that grows while it is read cannot exhaust memory either.</item>
/// </list>
/// A file is read from the path that was checked (links resolved), so the check and the read
/// see the same file.
/// </summary>
internal static class MapFileRules
{
    /// <summary>The largest list or state file a map may name: 256 MiB, about ten million ids.</summary>
    public const long MaxNamedFileBytes = 256L * 1024 * 1024;

    // As Linux's own limit on links followed while resolving one path (ELOOP).
    private const int MaxLinks = 40;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// Reads a file named by a map whose folder is <paramref name="folder"/>: inside the folder,
    /// regular, at most <see cref="MaxNamedFileBytes"/>. Throws <see cref="MapFileRefusedException"/>
    /// (with its diagnostic code) when a rule refuses it, an <see cref="IOException"/> when it cannot be read.
    /// </summary>
    internal static byte[] ReadInside(string folder, string path) => ReadInside(folder, path, null);

    /// <summary>As <see cref="ReadInside(string, string)"/>, with the folder's real path when the caller has it (one load resolves it once).</summary>
    internal static byte[] ReadInside(string folder, string path, string? realFolder)
    {
        var lexical = Path.GetFullPath(path);
        var home = Path.GetFullPath(folder);
        if (!IsInside(home, lexical))
        {
            throw new MapFileRefusedException(DiagnosticCodes.FileOutsideMap,
                $"'{lexical}' is outside the map's folder '{home}'; a map may only name files in its folder or below it");
        }

        var realHome = realFolder ?? RealPath(home);
        // A folder whose real path is itself has no link on the way to it: only the components
        // below it need looking at (a load reads every file of its folder this way).
        var real = string.Equals(realHome, home, PathComparison) ? RealPath(lexical, home) : RealPath(lexical);
        if (!IsInside(realHome, real))
        {
            throw new MapFileRefusedException(DiagnosticCodes.FileOutsideMap,
                $"it leads through a link to '{real}', outside the map's folder '{realHome}'; a map may only name files in its folder or below it");
        }

        return ReadResolved(real, MaxNamedFileBytes, DiagnosticCodes.NamedFileTooLarge);
    }

    /// <summary>Reads a map file given by the user (a link to one is followed): regular, at most <paramref name="maxBytes"/>.</summary>
    internal static byte[] ReadRegular(string path, long maxBytes) =>
        ReadResolved(RealPath(path), maxBytes, DiagnosticCodes.TooLarge);

    /// <summary>Whether <paramref name="path"/> is, links followed, a regular file (told without opening it).</summary>
    public static bool IsRegularFile(string path) => FileKinds.Of(RealPath(path)) == FileKind.Regular;

    /// <summary>Whether <paramref name="path"/> is below <paramref name="folder"/> (both full paths).</summary>
    internal static bool IsInside(string folder, string path)
    {
        var prefix = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, PathComparison) && path.Length > prefix.Length;
    }

    /// <summary>
    /// The full path with every symbolic link resolved, component by component (a link to a folder
    /// in the middle of a path counts as much as a link at its end).
    /// </summary>
    internal static string RealPath(string path) => RealPath(path, null);

    /// <summary>
    /// As <see cref="RealPath(string)"/>; when <paramref name="linkFree"/> (a full path with no link on
    /// the way to it) holds <paramref name="path"/>, the walk starts there instead of at the root.
    /// </summary>
    internal static string RealPath(string path, string? linkFree)
    {
        var full = Path.GetFullPath(path);
        var hops = 0;
        while (true)
        {
            var root = Path.GetPathRoot(full) ?? string.Empty;
            if (linkFree is not null && IsInside(linkFree, full))
            {
                root = Path.EndsInDirectorySeparator(linkFree) ? linkFree : linkFree + Path.DirectorySeparatorChar;
            }

            var parts = full[root.Length..].Split(
                [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
            var current = root;
            string? relinked = null;
            for (var i = 0; i < parts.Length && relinked is null; i++)
            {
                var next = Path.Join(current, parts[i]);
                if (new FileInfo(next).LinkTarget is { } target)
                {
                    if (++hops > MaxLinks)
                    {
                        throw new IOException($"more than {MaxLinks} symbolic links lead from '{path}'");
                    }

                    // Path.Combine keeps an absolute target as it is and puts a relative one beside the link.
                    relinked = Path.GetFullPath(Path.Join(Path.Combine(current, target), string.Join(Path.DirectorySeparatorChar, parts[(i + 1)..])));
                }

                current = next;
            }

            if (relinked is null)
            {
                return current;
            }

            full = relinked;
        }
    }

    private static byte[] ReadResolved(string real, long maxBytes, string tooLargeCode)
    {
        var kind = FileKinds.Of(real);
        if (kind == FileKind.Missing)
        {
            throw new FileNotFoundException($"'{real}' does not exist", real);
        }

        if (kind != FileKind.Regular)
        {
            throw new MapFileRefusedException(DiagnosticCodes.NotRegularFile,
                $"'{real}' is {FileKinds.Describe(kind)}, not a regular file");
        }

        using var stream = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (stream.Length > maxBytes)
        {
            throw TooLarge($"{stream.Length:N0}", maxBytes, tooLargeCode);
        }

        // Read up to one byte past the limit: a file that grew since its length was read is refused
        // as too large rather than read without end.
        var buffer = new byte[(int)Math.Min(stream.Length + 1, maxBytes + 1)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total > maxBytes)
                {
                    throw TooLarge($"more than {maxBytes:N0}", maxBytes, tooLargeCode);
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxBytes + 1));
            }

            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total == buffer.Length ? buffer : buffer[..total];
    }

    private static MapFileRefusedException TooLarge(string size, long maxBytes, string code) =>
        new(code, $"the file is {size} bytes; it may hold at most {maxBytes:N0}");
}

/// <summary>A file a load would read was refused by <see cref="MapFileRules"/>; <see cref="Code"/> is its diagnostic.</summary>
internal sealed class MapFileRefusedException(string code, string message) : IOException(message)
{
    /// <summary>The diagnostic code the refusal is reported under.</summary>
    public string Code { get; } = code;
}
