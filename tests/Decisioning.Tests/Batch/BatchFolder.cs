namespace Decisioning.Tests.Batch;

/// <summary>A fresh temporary folder for a batch's output, removed afterwards.</summary>
public sealed class BatchFolder : IDisposable
{
    public BatchFolder() => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "decisioning-tests", "batch-" + Guid.NewGuid().ToString("N"));

    public string Path { get; }

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public string Read(string name) => File.ReadAllText(this[name]);

    public string[] Lines(string name) => File.ReadAllLines(this[name]);

    /// <summary>Every file under the folder, relative path to bytes.</summary>
    public SortedDictionary<string, byte[]> Snapshot(string? sub = null)
    {
        var root = sub is null ? Path : this[sub];
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            files[System.IO.Path.GetRelativePath(root, file)] = File.ReadAllBytes(file);
        }

        return files;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
