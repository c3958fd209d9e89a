using System.Globalization;

namespace Decisioning.Cli.Infrastructure;

/// <summary>
/// Standard input for an input named "-", refused when it can never end. A process started with
/// its standard input closed (<c>decisioning evaluate ... --customers - &lt;&amp;-</c>) does not
/// see an empty input: the runtime's first open file takes descriptor 0 (on Linux, the read end
/// of the pipe the runtime signals itself through), and reading it would wait for ever.
/// </summary>
internal static class StandardInput
{
    /// <summary>Standard input as bytes.</summary>
    /// <exception cref="IOException">Standard input is a pipe this process also writes to: it never ends.</exception>
    public static Stream Open() =>
        OperatingSystem.IsLinux() && NeverEnds("/proc/self")
            ? throw new IOException("standard input is closed (or a pipe this process writes to itself): give the input as a file, or pipe it into the command")
            : Console.OpenStandardInput();

    /// <summary>
    /// Whether descriptor 0 of the process whose /proc folder is <paramref name="process"/> is a
    /// pipe that the same process holds open for writing. A pipe reaches its end only when every
    /// writer has closed it, so such an input never ends; a real standard input's writer is
    /// another process.
    /// </summary>
    internal static bool NeverEnds(string process)
    {
        try
        {
            var input = Target(Path.Combine(process, "fd", "0"));
            if (input is null || !input.StartsWith("pipe:", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var descriptor in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
            {
                var name = Path.GetFileName(descriptor);
                if (name != "0" && Target(descriptor) == input && Writes(Path.Combine(process, "fdinfo", name)))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // /proc not mounted, or a descriptor closed while the folder was read: nothing to go by,
            // and standard input is opened as it always was.
        }

        return false;
    }

    private static string? Target(string link) => new FileInfo(link).LinkTarget;

    // fdinfo's "flags:" is the open flags in octal; the access mode is its lowest two bits
    // (O_RDONLY 0, O_WRONLY 1, O_RDWR 2).
    private static bool Writes(string fdinfo)
    {
        foreach (var line in File.ReadLines(fdinfo))
        {
            if (line.StartsWith("flags:", StringComparison.Ordinal))
            {
                var flags = line["flags:".Length..].Trim();
                return flags.Length > 0 && (int.Parse(flags[^1..], NumberStyles.None, CultureInfo.InvariantCulture) & 3) != 0;
            }
        }

        return false;
    }
}
