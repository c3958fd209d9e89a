namespace Decisioning.History.Sqlite;

/// <summary>
/// A connection to the history's file opened through SQLite's own interface in multi-thread
/// mode (<see cref="Sqlite3.OpenNoMutex"/>): SQLite takes no mutex around each call, which a
/// connection in its default (serialized) mode did for every bind and column read. The store
/// uses each one from one thread at a time: a deciding thread's reader, or the writer under the
/// store's write lock.
/// </summary>
internal sealed unsafe class RawConnection : IDisposable
{
    private nint _db;

    /// <summary>Opens the existing file <paramref name="path"/> for reading and writing, then runs <paramref name="pragmas"/>.</summary>
    public RawConnection(string path, TimeSpan busyTimeout, string pragmas)
    {
        var name = Sqlite3.Utf8Z(path);
        fixed (byte* file = name)
        {
            var opened = Sqlite3.OpenV2(file, out _db, Sqlite3.OpenReadWrite | Sqlite3.OpenNoMutex, null);
            if (opened != Sqlite3.Ok)
            {
                var db = _db;
                try
                {
                    Sqlite3.Check(opened, db);
                }
                finally
                {
                    Sqlite3.CloseV2(db);
                    _db = 0;
                }
            }
        }

        try
        {
            Sqlite3.Check(Sqlite3.BusyTimeout(_db, (int)busyTimeout.TotalMilliseconds), _db);
            Execute(pragmas);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The connection's handle (sqlite3*); zero once disposed.</summary>
    public nint Handle => _db != 0 ? _db : throw new ObjectDisposedException(nameof(RawConnection));

    /// <summary>Runs <paramref name="sql"/> (one or more statements, no rows wanted).</summary>
    public void Execute(string sql)
    {
        var text = Sqlite3.Utf8Z(sql);
        fixed (byte* p = text)
        {
            Sqlite3.Check(Sqlite3.Exec(Handle, p, 0, 0, 0), _db);
        }
    }

    public void Dispose()
    {
        if (_db != 0)
        {
            // close_v2: statements not yet finalized keep the connection until they are.
            Sqlite3.CloseV2(_db);
            _db = 0;
        }
    }
}
