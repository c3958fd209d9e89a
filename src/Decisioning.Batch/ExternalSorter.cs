using Decisioning.Files;
using System.Text.Json;

namespace Decisioning.Batch;

/// <summary>
/// Sorts more items than memory should hold: items are buffered up to <c>runLength</c>, each full
/// buffer is sorted and written to a run file in <c>workDir</c>, and <see cref="Sorted"/> merges
/// the runs. Memory is bounded by <c>runLength</c> items whatever the count. The order must be
/// total (no two items equal), so that the result does not depend on how the runs fell.
/// </summary>
internal sealed class ExternalSorter<T>(
    IComparer<T> order,
    Action<Utf8JsonWriter, T> write,
    Func<JsonElement, T> read,
    string workDir,
    int runLength) : IDisposable
{
    private readonly List<T> _buffer = new(Math.Min(runLength, 4096));
    private readonly List<string> _runs = [];

    public long Count { get; private set; }

    public void Add(T item)
    {
        _buffer.Add(item);
        Count++;
        if (_buffer.Count >= runLength)
        {
            Spill();
        }
    }

    /// <summary>Every item added, in order. Call once, after the last <see cref="Add"/>.</summary>
    public IEnumerable<T> Sorted()
    {
        _buffer.Sort(order);
        if (_runs.Count == 0)
        {
            return _buffer;
        }

        var sources = new List<IEnumerable<T>>(_runs.Count + 1);
        sources.AddRange(_runs.Select(run => JsonLines.Read(run, read)));
        sources.Add(_buffer);
        return SortedMerge.Merge(sources, order);
    }

    public void Dispose()
    {
        foreach (var run in _runs)
        {
            File.Delete(run);
        }

        _runs.Clear();
        _buffer.Clear();
    }

    private void Spill()
    {
        _buffer.Sort(order);
        WorkFolders.CreateFolder(workDir);
        var path = Path.Combine(workDir, $"run-{_runs.Count:D5}.jsonl");
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var writer = new JsonLinesWriter(stream);
            foreach (var item in _buffer)
            {
                writer.Write(write, item);
            }
        }

        _runs.Add(path);
        _buffer.Clear();
    }
}
