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

    // One open connection and prepared read per deciding thread, closed with the store.
    private readonly ThreadLocal<ThreadReader> _readers;
    private volatile bool _disposed;

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
            // WAL is a property of the file, kept once set: readers never block the writer. The
            // page size too, set before the first table (an existing file keeps its own): a
            // decision line of the sample map is about 2.7 KB (trace included), so a 4 KB page
            // held one and left a third of itself empty; an 8 KB page holds two (docs/history.md,
            // "Sizing and speed").
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA page_size=8192; PRAGMA journal_mode=WAL";
            wal.ExecuteNonQuery();
        }

        EnsureSchema();
        _readers = new ThreadLocal<ThreadReader>(() => new ThreadReader(Open()), trackAllValues: true);
    }

    /// <summary>
    /// A customer's contacts and responses, on this thread's own connection with the statement
    /// prepared once: the decision path's read costs one indexed lookup, not an open, a pragma and
    /// a statement compiled each time. WAL gives each read the latest committed writes, of this
    /// process and of others.
    /// </summary>
    public override CustomerHistory Read(string customerId, DateTime from, DateTime to)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var read = _readers.Value!.Statement;
        Span<char> time = stackalloc char[HistoryTime.Length];
        read.Bind(1, customerId);
        HistoryTime.Format(from, time);
        read.Bind(2, time);
        HistoryTime.Format(to, time);
        read.Bind(3, time);
        List<ContactEntry>? contacts = null;
        List<ResponseEntry>? responses = null;
        try
        {
            // The columns of SqlHistory's customer read: part, at, channel, strategy, product, wave, outcome, kind, value.
            while (read.Next())
            {
                var at = HistoryTime.Parse(read.Utf8(1));
                if (read.Int(0) == 0)
                {
                    (contacts ??= []).Add(new ContactEntry(customerId, at, read.Text(2), read.Text(3), read.Text(4), read.Int(5), read.Text(6)));
                }
                else
                {
                    (responses ??= []).Add(new ResponseEntry(customerId, at, read.Text(3), read.Text(4), read.Text(7)!, read.Double(8)));
                }
            }
        }
        catch
        {
            read.Reset();
            throw;
        }

        return contacts is null && responses is null ? CustomerHistory.Empty : new CustomerHistory(contacts ?? [], responses ?? []);
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    protected override string IdColumn => "INTEGER PRIMARY KEY";

    /// <summary>
    /// One row a statement, prepared once a table and batch and bound by position through SQLite's
    /// own interface (<see cref="RawStatement"/>): SQLite finds a named parameter by a linear
    /// search, so a statement of hundreds of rows spent its time matching names, and a command
    /// object a row spent it converting and binding.
    /// </summary>
    protected override void Insert(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))}) ON CONFLICT DO NOTHING";
        RawStatement? insert = null;
        try
        {
            foreach (var row in rows)
            {
                insert ??= new RawStatement((SqliteConnection)connection, sql);
                for (var i = 0; i < row.Length; i++)
                {
                    insert.Bind(i + 1, row[i]);
                }

                insert.Execute();
            }
        }
        finally
        {
            insert?.Dispose();
        }
    }

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
        // Per connection, so set on each. Durable at every checkpoint, not every commit
        // (synchronous=NORMAL in WAL mode): a power cut may lose the last batches, never corrupt
        // the file. A larger page cache (32 MB) and file reads mapped into memory (256 MB) keep the
        // indexes' pages at hand instead of reading them again with a system call each; the log
        // is cut back to 64 MB after a checkpoint that a long read held back.
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=" + (connection.DefaultTimeout * 1000)
            + "; PRAGMA cache_size=-32768; PRAGMA mmap_size=268435456; PRAGMA journal_size_limit=67108864";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// SQLite cannot drop a column's constraint: the table is copied into one declared without it
    /// (ids kept), and the old one dropped with its indexes.
    /// </summary>
    protected override void DropUniqueKey(DbConnection connection, DbTransaction transaction, string table)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        var declared = (string)Scalar(connection, transaction, $"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{table}'")!;
        const string unique = "key TEXT NOT NULL UNIQUE";
        if (!declared.Contains(unique, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the history's table {table} is not as schema version 1 made it: {declared}");
        }

        var copy = table + "_v2";
        Execute(connection, transaction, declared.Replace(unique, "key TEXT NOT NULL", StringComparison.Ordinal)
            .Replace($"CREATE TABLE {table} (", $"CREATE TABLE {copy} (", StringComparison.Ordinal));
        Execute(connection, transaction, $"INSERT INTO {copy} SELECT * FROM {table} ORDER BY id");
        Execute(connection, transaction, $"DROP TABLE {table}");
        Execute(connection, transaction, $"ALTER TABLE {copy} RENAME TO {table}");
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            foreach (var reader in _readers.Values)
            {
                reader.Dispose();
            }

            _readers.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class ThreadReader : IDisposable
    {
        private readonly DbConnection _connection;

        public ThreadReader(DbConnection connection)
        {
            _connection = connection;
            using var command = CustomerReadCommand(connection);
            Statement = new RawStatement((SqliteConnection)connection, command.CommandText);
            // Bound by position in Read: the customer, then the two ends of the range.
            if (Statement.Parameter("@customer") != 1 || Statement.Parameter("@from") != 2 || Statement.Parameter("@to") != 3)
            {
                throw new InvalidOperationException("the customer read's parameters are not @customer, @from, @to in that order");
            }
        }

        public RawStatement Statement { get; }

        public void Dispose()
        {
            Statement.Dispose();
            _connection.Dispose();
        }
    }
}
