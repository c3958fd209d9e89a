namespace Decisioning.Files;

/// <summary>
/// Folder creation that can be shut: once <see cref="Close"/> has returned, no <see cref="Create"/>
/// makes a folder any more, so a remover that runs after the close knows that what it removes stays
/// removed. (A Directory.CreateDirectory of a path below a removed folder makes the removed folder
/// again, as a parent.)
/// </summary>
internal sealed class FolderGate
{
    private readonly Lock _lock = new();
    private bool _closed;

    /// <summary>Creates <paramref name="path"/> and its missing parents, unless the gate is closed.</summary>
    /// <exception cref="OperationCanceledException">The gate is closed.</exception>
    public void Create(string path)
    {
        // The lock makes the check and the creation one step against Close: a creation is either
        // done before the close returns or refused.
        lock (_lock)
        {
            if (_closed)
            {
                throw new OperationCanceledException("the run was interrupted: its work folders are being removed");
            }

            Directory.CreateDirectory(path);
        }
    }

    /// <summary>Refuses every later <see cref="Create"/>; waits for one under way to finish.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
        }
    }
}
