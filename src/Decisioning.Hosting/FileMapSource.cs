using Decisioning.Loading;
using Microsoft.Extensions.Primitives;

namespace Decisioning.Hosting;

/// <summary>
/// A map in a YAML file or a folder of YAML files, watched for changes: the map's files and the
/// named lists (名单) they refer to, the links their paths go through (a Kubernetes config map's
/// files are links through <c>..data</c>, and an update renames only that), and a folder map's
/// folder itself (deleted and made again, or swapped for another by renames). Writers should
/// replace files whole (write, then rename), as deployment tools and Kubernetes config maps do; a
/// file caught half-written fails to load, is logged and is picked up again when the write completes.
/// </summary>
public sealed class FileMapSource : IMapSource, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(StringComparer.Ordinal);
    private volatile IReadOnlySet<string> _lists = new HashSet<string>(StringComparer.Ordinal);

    // The paths whose change is a change of the map: its files, its lists, the links on their way and
    // a folder map's folder. Events name paths in the directories watched, so these are full paths.
    private volatile IReadOnlySet<string> _watched = new HashSet<string>(StringComparer.Ordinal);
    private CancellationTokenSource _changed = new();
    private bool _disposed;

    /// <param name="path">A map file or folder; a relative path is taken from the current directory.</param>
    public FileMapSource(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        IsFolder = Directory.Exists(Path);
    }

    /// <summary>The full path of the map file or folder.</summary>
    public string Path { get; }

    /// <summary>The full path, as diagnostics and logs name the source.</summary>
    public string Description => Path;

    private bool IsFolder { get; }

    private string MapDirectory => IsFolder ? Path : System.IO.Path.GetDirectoryName(Path)!;

    // The directory holding the map's file or folder: links below it are followed for watching.
    private string Root => System.IO.Path.GetDirectoryName(Path) ?? Path;

    /// <summary>Loads the map from the file or folder; a broken map gives its diagnostics in the result.</summary>
    public Task<LoadResult> LoadAsync(MapLoadOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = MapLoader.Load(Path, options);
        if (result.Plan is { } plan)
        {
            // List paths are relative to the file that names them, and every map file of a folder map
            // sits in the folder itself, so one directory resolves them all.
            _lists = plan.ListPaths
                .Select(list => System.IO.Path.GetFullPath(System.IO.Path.Combine(MapDirectory, list)))
                .ToHashSet(StringComparer.Ordinal);
        }

        // A failed load keeps the list watchers of the last good one: they do no harm.
        UpdateWatchers();
        return Task.FromResult(result);
    }

    /// <summary>A token that fires when a map file or a named list changes (for hot reload).</summary>
    /// <exception cref="ObjectDisposedException">The source was disposed.</exception>
    public IChangeToken Watch()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_watchers.Count == 0)
            {
                UpdateWatchers();
            }

            return new CancellationChangeToken(_changed.Token);
        }
    }

    /// <summary>Stops watching the files.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var watcher in _watchers.Values)
            {
                watcher.Dispose();
            }

            _watchers.Clear();
            _changed.Dispose();
        }
    }

    private void UpdateWatchers()
    {
        bool replaced;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var files = (IsFolder ? FolderMapFiles().Append(Path) : [Path]).Concat(_lists).ToList();
            _watched = files.SelectMany(f => LinksOnTheWay(f, Root)).ToHashSet(StringComparer.Ordinal);
            // The directories of the paths as named (a folder map's parent among them), not of where their
            // links lead: a link's change shows in the directory that holds it, and every watcher is one
            // of the user's inotify instances (128 by default on Linux).
            var directories = files.Select(f => System.IO.Path.GetDirectoryName(f)).OfType<string>()
                .Append(MapDirectory).ToHashSet(StringComparer.Ordinal);
            foreach (var stale in _watchers.Keys.Where(d => !directories.Contains(d)).ToList())
            {
                _watchers[stale].Dispose();
                _watchers.Remove(stale);
            }

            var existing = _watchers.Count;
            foreach (var directory in directories.Where(d => !_watchers.ContainsKey(d) && Directory.Exists(d)))
            {
                _watchers[directory] = CreateWatcher(directory);
            }

            // A directory watched again (made anew, or a link to it swapped) may have changed between
            // the load that just read it and its new watcher: one more reload reads what it holds now.
            replaced = existing > 0 && _watchers.Count > existing;
        }

        if (replaced)
        {
            Signal();
        }
    }

    private IEnumerable<string> FolderMapFiles()
    {
        try
        {
            return [.. Directory.EnumerateFiles(Path).Where(IsYaml)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder is gone or unreadable: the load says so; its parent's watcher sees it come back.
            return [];
        }
    }

    // The file, and every link its path goes through below root with where that link leads: a change
    // of any of them changes what the file reads (a Kubernetes config map renames its ..data link
    // alone; a deployment may swap a `current` link to the map's folder).
    private static IEnumerable<string> LinksOnTheWay(string file, string root)
    {
        var found = new List<string>();
        var pending = new Stack<string>([file]);
        var below = root.EndsWith(System.IO.Path.DirectorySeparatorChar) ? root : root + System.IO.Path.DirectorySeparatorChar;
        // As many links as the OS follows: a loop of links ends here, and the load reports it.
        for (var links = 0; pending.TryPop(out var path) && links <= 40;)
        {
            found.Add(path);
            for (var prefix = path; prefix.StartsWith(below, StringComparison.Ordinal) && System.IO.Path.GetDirectoryName(prefix) is { } parent; prefix = parent)
            {
                if (LinkTarget(prefix) is { } target)
                {
                    links++;
                    found.Add(prefix);
                    var rest = System.IO.Path.GetRelativePath(prefix, path);
                    pending.Push(System.IO.Path.GetFullPath(System.IO.Path.Combine(parent, target, rest == "." ? "" : rest)).TrimEnd(System.IO.Path.DirectorySeparatorChar));
                    break;
                }
            }
        }

        return found;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private FileSystemWatcher CreateWatcher(string directory)
    {
        var watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = false,
            // DirectoryName: a folder map's folder made, deleted or renamed, seen from its parent.
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, e) => OnEvent(e.FullPath);
        watcher.Created += (_, e) => OnEvent(e.FullPath);
        watcher.Deleted += (_, e) => OnEvent(e.FullPath);
        watcher.Renamed += (_, e) =>
        {
            OnEvent(e.OldFullPath);
            OnEvent(e.FullPath);
        };
        // An overflowing event buffer may have hidden a change: assume one.
        watcher.Error += (_, _) => Signal();
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void OnEvent(string file)
    {
        bool replaced;
        lock (_gate)
        {
            // A watched directory deleted, renamed or made (seen from its parent): its watcher watched
            // what is gone, and the reload this change makes watches the directory there now.
            replaced = _watchers.Remove(file, out var gone);
            gone?.Dispose();
        }

        if (replaced || IsNewMapFile(file) || _watched.Contains(file))
        {
            Signal();
        }
    }

    // A folder map's YAML file, also one the last load did not see.
    private bool IsNewMapFile(string file) =>
        IsFolder && string.Equals(System.IO.Path.GetDirectoryName(file), Path, StringComparison.Ordinal) && IsYaml(file);

    private static bool IsYaml(string file) =>
        file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private void Signal()
    {
        CancellationTokenSource fired;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            fired = _changed;
            _changed = new CancellationTokenSource();
        }

        // Outside the lock: the token's callbacks (the engine's) run synchronously here.
        fired.Cancel();
    }
}
