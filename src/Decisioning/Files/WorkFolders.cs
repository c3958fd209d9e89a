using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Decisioning.Files;

/// <summary>
/// The hidden work a batch leaves in a folder while it runs (a work folder <c>.batch-PID-GUID</c>,
/// a sort folder <c>.sort-PID-GUID</c>, temporary files <c>.NAME.PID.GUID.tmp</c>), named with the
/// id of the process that made them. A run removes its own at the end; <see cref="RemoveAll"/>
/// removes every live one at once (the command line calls it on Ctrl-C or SIGTERM, when no
/// <c>finally</c> runs); and <see cref="SweepStale"/> removes, at the start of the next run in the
/// same folder, what a process that no longer runs left behind (a kill -9, a power cut).
/// </summary>
internal static partial class WorkFolders
{
    private static readonly ConcurrentDictionary<string, byte> Live = new(StringComparer.Ordinal);
    private static readonly FolderGate Gate = new();

    /// <summary>
    /// Creates <paramref name="path"/> and its missing parents, unless the process was interrupted
    /// (<see cref="Interrupt"/>): every folder a batch makes at or below its work folder goes
    /// through here.
    /// </summary>
    /// <exception cref="OperationCanceledException">The process was interrupted and is removing its work.</exception>
    internal static void CreateFolder(string path) => Gate.Create(path);

    /// <summary>
    /// For a signal handler: refuses every later <see cref="CreateFolder"/>, then removes what
    /// <see cref="RemoveAll"/> removes. Returns how many it removed.
    /// </summary>
    /// <remarks>
    /// Without the refusal a run's thread that was between two steps when the signal came (a
    /// batch creating its work folder, then opening its decisions file with a Directory.CreateDirectory
    /// of that folder) made the folder again after the handler had removed it, and the process
    /// ended leaving it behind.
    /// </remarks>
    public static int Interrupt()
    {
        Gate.Close();
        return RemoveAll();
    }

    /// <summary>A new work folder path <c>PARENT/.PREFIX-PID-GUID</c>, registered for <see cref="RemoveAll"/> (not yet created).</summary>
    internal static string Claim(string parent, string prefix)
    {
        var path = Path.GetFullPath(Path.Combine(parent, $".{prefix}-{Environment.ProcessId}-{Guid.NewGuid():N}"));
        Live[path] = 0;
        return path;
    }

    /// <summary>Registers a temporary file for <see cref="RemoveAll"/> until <see cref="Forget"/>.</summary>
    internal static void Track(string path) => Live[path] = 0;

    /// <summary>The temporary file was renamed or deleted by its owner.</summary>
    internal static void Forget(string path) => Live.TryRemove(path, out _);

    /// <summary>Removes a claimed work folder (if it exists) and forgets it.</summary>
    internal static void Release(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        finally
        {
            Live.TryRemove(path, out _);
        }
    }

    /// <summary>
    /// Removes every work folder and temporary file this process holds, best effort and without throwing: for a
    /// signal handler, while the run's threads may still be writing. Returns how many it removed.
    /// </summary>
    public static int RemoveAll()
    {
        var removed = 0;
        foreach (var path in Live.Keys)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    RemoveFolder(path);
                    removed++;
                }
                else if (File.Exists(path))
                {
                    File.Delete(path);
                    removed++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A thread still writing may recreate a file under it; the next run's sweep takes it.
            }
        }

        return removed;
    }

    // A run's threads may still be writing while a signal handler removes their folder: a file
    // created between the listing and the delete made Directory.Delete fail with "not empty" and
    // left the folder behind. Renamed first, the folder is out of their reach (they create files by
    // path), so what is inside can only shrink while it is deleted.
    internal static void RemoveFolder(string path)
    {
        var doomed = path + "-removing";
        try
        {
            Directory.Move(path, doomed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            doomed = path;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(doomed, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5 && Directory.Exists(doomed))
            {
                Thread.Sleep(10);
            }
        }
    }

    /// <summary>
    /// Removes the work folders and temporary files directly in <paramref name="folder"/> whose
    /// process is no longer running. A live run's work (this process's or another's) is left alone.
    /// </summary>
    public static int SweepStale(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, ".*"))
        {
            var name = Path.GetFileName(entry);
            var match = WorkName().Match(name);
            if (!match.Success)
            {
                match = TemporaryName().Match(name);
            }

            if (!match.Success || IsRunning(int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture)))
            {
                continue;
            }

            try
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }

                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another sweeper got there first, or the entry is not ours to remove: leave it.
            }
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\A\.(batch|sort)-(?<pid>[0-9]{1,9})-[0-9a-f]{32}(-removing)?\z")]
    private static partial Regex WorkName();

    [GeneratedRegex(@"\A\..+\.(?<pid>[0-9]{1,9})\.[0-9a-f]{32}\.tmp\z")]
    private static partial Regex TemporaryName();
}
