using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Decisioning.RulesEngine;

/// <summary>
/// The workflows of one <c>AddRulesEnginePolicy</c> registration and, for workflow files, their
/// reloads, which follow the maps' (docs/hosting.md): the files' folders are watched; after a
/// change the source waits until the files have been quiet for the reload debounce, loads them
/// completely, checks them against the customer input of every map the policy serves, and only
/// then swaps the new set in with one reference write. A load that fails is logged and the serving
/// set stays. Decisions read <see cref="Current"/> once per review.
/// </summary>
internal sealed class WorkflowSource : IDisposable
{
    private readonly RulesEnginePolicyOptions _options;
    private readonly IReadOnlyList<string> _files;
    private readonly ILogger _logger;
    private readonly TimeSpan _debounce;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ConcurrentDictionary<string, CustomerInputType> _maps = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _reloading = new();
    private WorkflowSet _current;
    private int _dirty;
    private int _running;

    public WorkflowSource(RulesEnginePolicyOptions options, string contentRoot, bool watch, TimeSpan debounce, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _debounce = debounce;
        _files = options.WorkflowFiles.Select(f => Path.GetFullPath(Path.Combine(contentRoot, f))).Distinct(StringComparer.Ordinal).ToList();
        _current = WorkflowSet.Load(_files, [.. options.Workflows]);
        Loaded(_current, 1);
        if (watch)
        {
            foreach (var folder in _files.Select(f => Path.GetDirectoryName(f)!).Distinct(StringComparer.Ordinal).Where(Directory.Exists))
            {
                _watchers.Add(Watch(folder));
            }
        }
    }

    /// <summary>The serving workflows. Invariant: a whole set that loaded.</summary>
    public WorkflowSet Current => Volatile.Read(ref _current);

    public int Generation { get; private set; } = 1;

    /// <summary>
    /// Checks the serving workflows against a new map version's customer input (and remembers it
    /// for the checks of later reloads).
    /// </summary>
    /// <exception cref="WorkflowLoadException">An expression is refused for this customer input.</exception>
    public void Serve(string mapId, CustomerInputType customer)
    {
        _maps[mapId] = customer;
        if (Current.Check(customer) is { } problems)
        {
            throw new WorkflowLoadException([.. problems.Split('\n')]);
        }
    }

    /// <summary>Loads the files again now; false (and the serving set stays) when they cannot be used.</summary>
    public bool Reload()
    {
        lock (_reloading)
        {
            WorkflowSet next;
            try
            {
                next = WorkflowSet.Load(_files, [.. _options.Workflows]);
                var problems = _maps.Select(m => next.Check(m.Value) is { } p ? $"for map '{m.Key}':\n{p}" : null).OfType<string>().ToList();
                if (problems.Count > 0)
                {
                    throw new WorkflowLoadException(problems);
                }
            }
            catch (WorkflowLoadException e)
            {
                _logger.WorkflowsReloadFailed(Generation, e.Problems.Count, string.Join('\n', e.Problems));
                return false;
            }

            Volatile.Write(ref _current, next);
            Generation++;
            Loaded(next, Generation);
            return true;
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
    }

    private void Loaded(WorkflowSet set, int generation)
    {
        _logger.WorkflowsLoaded(set.Workflows.Count, set.RuleCount, generation, string.Join(", ", set.Origins.Values.Distinct()));
        if (set.RulesWithActions.ToList() is { Count: > 0 } withActions)
        {
            _logger.WorkflowActionsNotRun(withActions.Count, string.Join(", ", withActions));
        }
    }

    private FileSystemWatcher Watch(string folder)
    {
        var watcher = new FileSystemWatcher(folder)
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
        watcher.Error += (_, _) => Changed();
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void OnEvent(string path)
    {
        if (_files.Contains(path, StringComparer.Ordinal))
        {
            Changed();
        }
    }

    private void Changed()
    {
        Volatile.Write(ref _dirty, 1);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(ReloadWhenQuietAsync);
        }
    }

    /// <summary>One reload once the files have been quiet for a whole debounce interval; again if they changed meanwhile.</summary>
    private async Task ReloadWhenQuietAsync()
    {
        var token = _stopping.Token;
        try
        {
            while (true)
            {
                do
                {
                    Volatile.Write(ref _dirty, 0);
                    await Task.Delay(_debounce, token).ConfigureAwait(false);
                }
                while (Volatile.Read(ref _dirty) == 1);

                Reload();
                Volatile.Write(ref _running, 0);
                // A change that came during the reload, and found the loop still running, is ours to pick up.
                if (Volatile.Read(ref _dirty) == 0 || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            _logger.WorkflowsReloadLoopFailed(e);
            Volatile.Write(ref _running, 0);
        }
    }
}
