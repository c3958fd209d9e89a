using Decisioning.Model;
using System.Text.RegularExpressions;
using Decisioning.Files;

namespace Decisioning.Batch;

/// <summary>
/// The files a batch owns in its output folder, so that the folder holds only the last run's lists:
/// a list of a strategy or channel that a newer map removed must not stay beside the new
/// <c>summary.json</c>, where a dispatcher would send yesterday's list again.
/// <para>
/// A finished run's <c>summary.json</c> names every list it wrote (a row per strategy and channel).
/// While a run writes, a hidden record <c>DIR/.decisioning-files</c> (one file name a line) holds the
/// union of what the previous run owned and what this run will write, so an interrupted run still
/// knows every file it may have left. Before writing, a run removes what the previous run owned and
/// it will not write again; when it finishes, the record goes (its summary names its files). A run
/// that fails removes every list it owns, so a folder never mixes two runs' lists. Files the batch
/// did not write (a user's notes beside the lists) are never touched.
/// </para>
/// </summary>
internal sealed partial class OwnedOutput
{
    public const string FileName = ".decisioning-files";

    private readonly string _folder;
    private readonly SortedSet<string> _mine;

    private OwnedOutput(string folder, SortedSet<string> mine)
    {
        _folder = folder;
        _mine = mine;
    }

    /// <summary>The files a run of <paramref name="run"/> writes in its output folder.</summary>
    public static SortedSet<string> FilesOf(PartitionManifest run)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal) { PartitionMerger.DecisionsFile, BatchSummary.FileName };
        foreach (var strategy in run.Strategies)
        {
            foreach (var channel in strategy.Channels)
            {
                files.Add(TargetListWriter.FileName(strategy.Id, channel));
            }
        }

        return files;
    }

    /// <summary>
    /// Takes <paramref name="folder"/> for a run that will write <paramref name="files"/>: records
    /// them with what the previous run owned, and removes the previous run's files that this run
    /// will not write again.
    /// </summary>
    public static OwnedOutput Begin(string folder, SortedSet<string> files)
    {
        var previous = Previous(folder);
        Record(folder, previous.Union(files, StringComparer.Ordinal));
        foreach (var stale in previous.Where(f => !files.Contains(f)))
        {
            File.Delete(Path.Combine(folder, stale));
        }

        return new OwnedOutput(folder, files);
    }

    /// <summary>The run finished: its summary.json names its files; the record goes.</summary>
    public void Finish() => File.Delete(Path.Combine(_folder, FileName));

    /// <summary>
    /// Before a run removes the previous <c>summary.json</c> (long before it writes its lists): the
    /// lists that summary names are kept in the record, so they are still known to be the batch's.
    /// </summary>
    public static void Adopt(string folder)
    {
        if (!File.Exists(Path.Combine(folder, FileName)) && FromSummary(folder) is { Count: > 0 } previous)
        {
            Record(folder, previous);
        }
    }

    /// <summary>The run failed: its files (and the previous run's it was replacing) are removed.</summary>
    public void Abandon()
    {
        // Best effort, on the way out of a failure: the failure is what the user must see.
        try
        {
            foreach (var file in _mine)
            {
                File.Delete(Path.Combine(_folder, file));
            }

            File.Delete(Path.Combine(_folder, FileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    // What the folder's last run owned: the record of an unfinished run, or the lists the summary
    // of a finished one names. Only names the batch itself could have written are believed: a
    // crafted record or summary must not make a run delete anything else.
    private static List<string> Previous(string folder)
    {
        var record = Path.Combine(folder, FileName);
        return File.Exists(record) ? [.. File.ReadLines(record).Where(IsOurs)] : FromSummary(folder);
    }

    private static List<string> FromSummary(string folder)
    {
        var summary = Path.Combine(folder, BatchSummary.FileName);
        if (!File.Exists(summary))
        {
            return [];
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(summary));
            return document.RootElement.GetProperty("strategies").EnumerateArray()
                .Select(row => TargetListWriter.FileName(row.GetProperty("strategy").GetString() ?? "", row.GetProperty("channel").GetString() ?? ""))
                .Where(IsOurs)
                .ToList();
        }
        catch (Exception e) when (JsonLines.IsMalformed(e))
        {
            return [];
        }
    }

    private static bool IsOurs(string name) =>
        name == PartitionMerger.DecisionsFile || name == BatchSummary.FileName
        || (ListName().Match(name) is { Success: true } m && Syntax.IsId(m.Groups[1].Value) && Syntax.IsId(m.Groups[2].Value));

    private static void Record(string folder, IEnumerable<string> files)
    {
        using var file = AtomicFile.Create(Path.Combine(folder, FileName));
        using (var writer = new StreamWriter(file.Stream, JsonLines.Utf8, 4096, leaveOpen: true) { NewLine = "\n" })
        {
            foreach (var name in files)
            {
                writer.WriteLine(name);
            }
        }

        file.Commit();
    }

    [GeneratedRegex(@"\A([a-z0-9][a-z0-9-]*)\.([a-z0-9][a-z0-9-]*)\.csv\z")]
    private static partial Regex ListName();
}
