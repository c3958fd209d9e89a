namespace Decisioning.Files;

/// <summary>
/// A file that appears whole or not at all (spec section 7): written under a hidden temporary name
/// in its own folder, then renamed over the final name by <see cref="Commit"/>. Disposed without a
/// commit, the temporary file is deleted and nothing appears.
/// </summary>
internal sealed class AtomicFile : IDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private bool _committed;

    private AtomicFile(string path)
    {
        _path = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(_path)!;
        WorkFolders.CreateFolder(folder);
        _temporary = Path.Combine(folder, $".{Path.GetFileName(_path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        WorkFolders.Track(_temporary);
        Stream = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public FileStream Stream { get; }

    public static AtomicFile Create(string path) => new(path);

    public void Commit()
    {
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        // A rename within one folder is atomic: readers see the old file or the new one.
        File.Move(_temporary, _path, overwrite: true);
        _committed = true;
        WorkFolders.Forget(_temporary);
    }

    public void Dispose()
    {
        if (!_committed)
        {
            Stream.Dispose();
            File.Delete(_temporary);
            WorkFolders.Forget(_temporary);
        }
    }
}
