using System.Data.Common;
using System.Diagnostics;
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
    private readonly TimeSpan _busyTimeout;

    // One open connection and prepared read per deciding thread, closed with the store.
    private readonly ThreadLocal<ThreadReader> _readers;
    private volatile bool _disposed;

    // The writing connection and its statements (under _writing), and the log checkpointed beside it.
    private readonly Lock _writing = new();
    private BatchWriter? _writer;
    private long _sinceCheckpoint;
    private int _checkpointing;
    private Task _checkpoint = Task.CompletedTask;
    private SqliteConnection? _checkpointConnection;

    // Writes this process committed: a thread's shared snapshot is ended when it changes.
    private long _commits;
    private readonly Timer _idleSnapshots;

    /// <summary>About how many bytes of records are written between two checkpoints: SQLite's default, 1,000 pages.</summary>
    internal const long CheckpointBytes = 8 * 1024 * 1024;

    /// <summary>Opens (or creates) the history in <paramref name="path"/>.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="busyTimeout">How long a write waits for another process's write. Default 30 s.</param>
    public SqliteHistory(string path, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _busyTimeout = busyTimeout ?? TimeSpan.FromSeconds(30);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)_busyTimeout.TotalSeconds,
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
        _readers = new ThreadLocal<ThreadReader>(() => new ThreadReader(OpenRaw()), trackAllValues: true);
        _idleSnapshots = new Timer(_ => EndIdleSnapshots(), null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
    }

    /// <summary>
    /// A customer's contacts and responses, on this thread's own connection with the statement
    /// prepared once: the decision path's read costs one indexed lookup, not an open, a pragma and
    /// a statement compiled each time. The thread's reads share one read transaction (one snapshot
    /// of the file) for up to <see cref="SnapshotAge"/>, ended at once when this store commits a
    /// write: starting a transaction takes and releases the log's read lock (two system calls),
    /// which cost a read on an empty customer more than its lookup. So a read sees everything this
    /// process wrote before it, and what other processes wrote up to a millisecond before it.
    /// </summary>
    public override CustomerHistory Read(string customerId, DateTime from, DateTime to)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var reader = _readers.Value!;
        lock (reader)
        {
            reader.Begin(Volatile.Read(ref _commits));
            try
            {
                return reader.Read(customerId, from, to);
            }
            catch
            {
                reader.End();
                throw;
            }
        }
    }

    /// <summary>How long a deciding thread's reads may share one snapshot of the file.</summary>
    internal static TimeSpan SnapshotAge { get; } = TimeSpan.FromMilliseconds(1);

    // Ends the snapshots of threads that stopped reading, so that none holds the log back from a checkpoint.
    private void EndIdleSnapshots()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            foreach (var reader in _readers.Values)
            {
                lock (reader)
                {
                    reader.EndIfOlderThan(SnapshotAge);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: the readers are closed with the store.
        }
    }

    /// <inheritdoc />
    public override long Purge(DateTime before)
    {
        var removed = base.Purge(before);
        Interlocked.Increment(ref _commits);
        return removed;
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// As the default, and SQLite's codes for a file that cannot be written for now: busy or
    /// locked by another process past the busy time-out, an I/O error, a disk full, a file that
    /// cannot be opened, a lock protocol error. A constraint, a type mismatch or a corrupt file is
    /// the batch's (or the file's) own failure, and writing it again would not help.
    /// </summary>
    public override bool IsUnavailable(Exception exception) =>
        base.IsUnavailable(exception)
        || HistoryFailures.Chain(exception).Any(e => e is SqliteException sqlite && (sqlite.SqliteErrorCode & 0xFF) is Busy or Locked or IoError or Full or CantOpen or Protocol);

    // SQLite's primary result codes (https://sqlite.org/rescode.html); an extended code keeps its primary in the low byte.
    private const int Busy = 5, Locked = 6, IoError = 10, Full = 13, CantOpen = 14, Protocol = 15;

    /// <inheritdoc />
    protected override string IdColumn => "INTEGER PRIMARY KEY";

    /// <summary>
    /// Writes a batch in one transaction on the store's own writing connection, one row a
    /// statement, each statement prepared once for the life of the store and bound by position
    /// through SQLite's own interface (<see cref="RawStatement"/>): no command, parameter or row
    /// objects a record, no connection opened a batch. Calls from several threads take turns.
    /// </summary>
    public override void Append(HistoryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (batch.Count == 0)
        {
            return;
        }

        long written;
        lock (_writing)
        {
            var writer = _writer ??= new BatchWriter(OpenRaw());
            try
            {
                written = writer.Write(batch);
                Interlocked.Increment(ref _commits);
            }
            catch
            {
                // A fresh connection for the next batch: this one may be in any state.
                _writer = null;
                writer.Dispose();
                throw;
            }
        }

        Checkpoint(written);
    }

    /// <summary>
    /// The writing connection does not checkpoint (it would wait for two flushes to the disk in
    /// the middle of a batch, while the queue fills); after about <see cref="CheckpointBytes"/>
    /// written, a pool thread copies the log into the file instead (a passive checkpoint: it
    /// never waits for, nor holds up, a writer or reader).
    /// </summary>
    private void Checkpoint(long written)
    {
        if (Interlocked.Add(ref _sinceCheckpoint, written) < CheckpointBytes || Interlocked.CompareExchange(ref _checkpointing, 1, 0) != 0)
        {
            return;
        }

        Interlocked.Exchange(ref _sinceCheckpoint, 0);
        _checkpoint = Task.Run(() =>
        {
            try
            {
                var connection = _checkpointConnection ??= OpenUnpooled();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                command.ExecuteNonQuery();
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException or ObjectDisposedException)
            {
                // The next one copies what this one could not; nothing is lost, the log is only longer meanwhile.
            }
            finally
            {
                Volatile.Write(ref _checkpointing, 0);
            }
        });
    }

    /// <inheritdoc />
    protected override string RealColumn => "REAL";

    /// <inheritdoc />
    protected override string? UpgradeLock => null;

    /// <inheritdoc />
    protected override DbConnection Open() => Open(_connectionString);

    // The checkpointer's own connection is never returned to the pool: it lives as long as the store.
    private SqliteConnection OpenUnpooled() => Open(_connectionString + ";Pooling=False");

    // The writer's and each deciding thread's connection: SQLite's own, without a mutex a call (RawConnection).
    private RawConnection OpenRaw() => new(Path, _busyTimeout, Pragmas(_busyTimeout));

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = Pragmas(TimeSpan.FromSeconds(connection.DefaultTimeout));
        pragma.ExecuteNonQuery();
        return connection;
    }

    // Per connection, so set on each. Durable at every checkpoint, not every commit
    // (synchronous=NORMAL in WAL mode): a power cut may lose the last batches, never corrupt
    // the file. A larger page cache (32 MB) and file reads mapped into memory (256 MB) keep the
    // indexes' pages at hand instead of reading them again with a system call each; the log
    // is cut back to 64 MB after a checkpoint that a long read held back.
    private static string Pragmas(TimeSpan busyTimeout) =>
        "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=" + (long)busyTimeout.TotalMilliseconds
        + "; PRAGMA cache_size=-32768; PRAGMA mmap_size=268435456; PRAGMA journal_size_limit=67108864";

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
            _idleSnapshots.Dispose();
            foreach (var reader in _readers.Values)
            {
                lock (reader)
                {
                    reader.Dispose();
                }
            }

            _readers.Dispose();
            lock (_writing)
            {
                _writer?.Dispose();
                _writer = null;
            }

            _checkpoint.GetAwaiter().GetResult();
            _checkpointConnection?.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class ThreadReader : IDisposable
    {
        // A customer's contacts and responses in a time range, parameters ?1 (the customer), ?2
        // and ?3 (the range's ends), each side through its table's (customer_id, at, key) index.
        // Unlike SqlHistory's statement it has no ORDER BY: that made SQLite sort each side in a
        // temporary b-tree on every read. Rows come in index order and carry their id; Read puts
        // them in the order recorded (by id), as the other stores give them.
        private const string Sql = """
            SELECT 0, at, channel, strategy, product, wave, outcome, NULL, NULL, id FROM contacts
             WHERE customer_id = ?1 AND at >= ?2 AND at <= ?3
            UNION ALL
            SELECT 1, at, NULL, strategy, product, NULL, NULL, kind, value, id FROM responses
             WHERE customer_id = ?1 AND at >= ?2 AND at <= ?3
            """;

        private readonly RawConnection _connection;
        private readonly RawStatement _read, _begin, _end;
        private readonly List<long> _contactIds = [], _responseIds = [];
        private bool _open;
        private long _openedAt, _commits;

        public ThreadReader(RawConnection connection)
        {
            _connection = connection;
            try
            {
                _read = new RawStatement(connection, Sql);
                _begin = new RawStatement(connection, "BEGIN");
                _end = new RawStatement(connection, "COMMIT");
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        /// <summary>The customer's records in the range, in the order recorded (contacts, then responses).</summary>
        public CustomerHistory Read(string customerId, DateTime from, DateTime to)
        {
            Span<char> time = stackalloc char[HistoryTime.Length];
            _read.Bind(1, customerId);
            HistoryTime.Format(from, time);
            _read.Bind(2, time);
            HistoryTime.Format(to, time);
            _read.Bind(3, time);
            List<ContactEntry>? contacts = null;
            List<ResponseEntry>? responses = null;
            _contactIds.Clear();
            _responseIds.Clear();
            try
            {
                // The columns: part, at, channel, strategy, product, wave, outcome, kind, value, id.
                while (_read.Next())
                {
                    var at = HistoryTime.Parse(_read.Utf8(1));
                    if (_read.Int(0) == 0)
                    {
                        (contacts ??= []).Add(new ContactEntry(customerId, at, _read.Text(2), _read.Text(3), _read.Text(4), _read.Int(5), _read.Text(6)));
                        _contactIds.Add(_read.Long(9));
                    }
                    else
                    {
                        (responses ??= []).Add(new ResponseEntry(customerId, at, _read.Text(3), _read.Text(4), _read.Text(7)!, _read.Double(8)));
                        _responseIds.Add(_read.Long(9));
                    }
                }
            }
            catch
            {
                _read.Reset();
                throw;
            }

            return contacts is null && responses is null
                ? CustomerHistory.Empty
                : new CustomerHistory(InRecordedOrder(contacts, _contactIds), InRecordedOrder(responses, _responseIds));
        }

        // Index order is time order, which is nearly always the order recorded: sorted only when it is not.
        private static IReadOnlyList<T> InRecordedOrder<T>(List<T>? entries, List<long> ids)
        {
            if (entries is null)
            {
                return [];
            }

            for (var i = 1; i < ids.Count; i++)
            {
                if (ids[i] < ids[i - 1])
                {
                    var keys = ids.ToArray();
                    var items = entries.ToArray();
                    Array.Sort(keys, items);
                    return items;
                }
            }

            return entries;
        }

        /// <summary>Keeps the open snapshot while it is young and this store has committed nothing since; else starts another.</summary>
        public void Begin(long commits)
        {
            if (_open && (commits != _commits || Stopwatch.GetElapsedTime(_openedAt) > SnapshotAge))
            {
                End();
            }

            if (!_open)
            {
                _begin.Execute();
                _open = true;
                _openedAt = Stopwatch.GetTimestamp();
                _commits = commits;
            }
        }

        public void EndIfOlderThan(TimeSpan age)
        {
            if (_open && Stopwatch.GetElapsedTime(_openedAt) > age)
            {
                End();
            }
        }

        public void End()
        {
            if (!_open)
            {
                return;
            }

            _open = false;
            try
            {
                _end.Execute();
            }
            catch (SqliteException)
            {
                // No transaction left (SQLite ended it after an error): nothing to end.
            }
        }

        public void Dispose()
        {
            End();
            _begin?.Dispose();
            _end?.Dispose();
            _read?.Dispose();
            _connection.Dispose();
        }
    }
}
