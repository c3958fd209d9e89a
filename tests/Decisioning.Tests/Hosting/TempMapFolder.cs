namespace Decisioning.Tests.Hosting;

/// <summary>A map file in a fresh temporary folder, rewritten whole (write, then rename) as a deployment does.</summary>
internal sealed class TempMapFolder : IDisposable
{
    private int _writes;

    public TempMapFolder(string text, string fileName = "map.yaml")
    {
        Folder = Path.Combine(Path.GetTempPath(), "decisioning-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, fileName);
        File.WriteAllText(FilePath, text);
    }

    public string Folder { get; }

    public string FilePath { get; }

    public void Write(string text) => Replace(FilePath, text);

    public void Replace(string path, string text)
    {
        // The temporary name is not a .yaml file, so a folder map never sees it as part of the map.
        var temporary = Path.Combine(Folder, $".write-{Interlocked.Increment(ref _writes)}.tmp");
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the OS temp cleaner gets it later.
        }
    }
}
