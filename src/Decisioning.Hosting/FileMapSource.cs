using Decisioning.Loading;
using Microsoft.Extensions.Primitives;

namespace Decisioning.Hosting;

/// <summary>
/// A map in a YAML file or a folder of YAML files, watched for changes: the map's files and the
/// named lists (名单) they refer to. Writers should replace files whole (write, then rename), as
/// deployment tools and Kubernetes config maps do; a file caught half-written fails to load, is
/// logged and is picked up again when the write completes.
/// </summary>
public sealed class FileMapSource : IMapSource, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(StringComparer.Ordinal);
    private volatile IReadOnlySet<string> _lists = new HashSet<string>(StringComparer.Ordinal);
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
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var directories = _lists.Select(f => System.IO.Path.GetDirectoryName(f)!).Append(MapDirectory).ToHashSet(StringComparer.Ordinal);
            foreach (var stale in _watchers.Keys.Where(d => !directories.Contains(d)).ToList())
            {
                _watchers[stale].Dispose();
                _watchers.Remove(stale);
            }

            foreach (var directory in directories.Where(d => !_watchers.ContainsKey(d) && Directory.Exists(d)))
            {
                _watchers[directory] = CreateWatcher(directory);
            }
        }
    }

    private FileSystemWatcher CreateWatcher(string directory)
    {
        var watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
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
        if (IsMapFile(file) || _lists.Contains(file))
        {
            Signal();
        }
    }

    private bool IsMapFile(string file)
    {
        if (!IsFolder)
        {
            return string.Equals(file, Path, StringComparison.Ordinal);
        }

        return string.Equals(System.IO.Path.GetDirectoryName(file), Path, StringComparison.Ordinal) &&
               (file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase));
    }

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
