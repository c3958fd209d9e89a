using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Decisioning.History.Sqlite;

/// <summary>
/// The interaction history in one SQLite file: the embedded default. The file is created (with
/// its schema) when missing, upgraded when older, and kept in WAL mode, so that several
/// processes on one machine can read and write it at once (writes take turns; a writer waits up
/// to <c>BusyTimeout</c> for its turn).
/// </summary>
public sealed class SqliteHistory : SqlHistory
{
    private readonly string _connectionString;

    /// <summary>Opens (or creates) the history in <paramref name="path"/>.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="busyTimeout">How long a write waits for another process's write. Default 30 s.</param>
    public SqliteHistory(string path, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)(busyTimeout ?? TimeSpan.FromSeconds(30)).TotalSeconds,
        }.ToString();
        using (var connection = Open())
        {
            // WAL is a property of the file, kept once set: readers never block the writer.
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL";
            wal.ExecuteNonQuery();
        }

        EnsureSchema();
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    protected override string IdColumn => "INTEGER PRIMARY KEY";

    /// <inheritdoc />
    protected override string RealColumn => "REAL";

    /// <inheritdoc />
    protected override string? UpgradeLock => null;

    /// <inheritdoc />
    protected override DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // Durable at every checkpoint, not every commit: a power cut may lose the last batches, never corrupt the file.
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=" + (connection.DefaultTimeout * 1000);
        pragma.ExecuteNonQuery();
        return connection;
    }
}
