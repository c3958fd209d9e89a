using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Decisioning.History.Sqlite;

/// <summary>
/// One prepared SQLite statement, driven through SQLite's own interface (SQLitePCLRaw, which
/// Microsoft.Data.Sqlite is built on) on a connection Microsoft.Data.Sqlite opened: parameters
/// bound by position, text bound from .NET strings as they are and read as UTF-8, no command,
/// reader or parameter objects a row. The history's two hot statements, a decision's read and a
/// batch's inserts, spent most of their time in those objects (benchmarks/README.md).
/// </summary>
/// <remarks>Not thread-safe: one statement per connection and thread.</remarks>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    // Texts read back, by a hash of their bytes: a customer's records repeat a few channel,
    // strategy, product and outcome ids, so each is decoded once rather than once a row, and
    // found again with one lookup rather than a comparison with every text kept.
    private readonly Dictionary<int, (byte[] Utf8, string Text)> _texts = [];

    public RawStatement(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>The 1-based position of a named parameter.</summary>
    public int Parameter(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new ArgumentException($"the statement has no parameter {name}", nameof(name));
    }

    public void Bind(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));

    public void Bind(int index, ReadOnlySpan<char> value) => Check(raw.sqlite3_bind_text16(_statement, index, value));

    public void Bind(int index, int value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, double value) => Check(raw.sqlite3_bind_double(_statement, index, value));

    /// <summary>Runs a statement that returns no rows, and makes it ready to run again.</summary>
    public void Execute()
    {
        var done = raw.sqlite3_step(_statement);
        try
        {
            if (done != raw.SQLITE_DONE)
            {
                Check(done);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>The next row; false at the end (the statement is then ready to run again).</summary>
    public bool Next()
    {
        var step = raw.sqlite3_step(_statement);
        if (step == raw.SQLITE_ROW)
        {
            return true;
        }

        try
        {
            if (step != raw.SQLITE_DONE)
            {
                Check(step);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }

        return false;
    }

    /// <summary>Resets a statement left before its last row (an exception while reading it).</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public int Int(int column) => raw.sqlite3_column_int(_statement, column);

    public double Double(int column) => raw.sqlite3_column_double(_statement, column);

    public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(_statement, column);

    public string? Text(int column)
    {
        if (IsNull(column))
        {
            return null;
        }

        var utf8 = Utf8(column);
        var hash = new HashCode();
        hash.AddBytes(utf8);
        var key = hash.ToHashCode();
        if (_texts.TryGetValue(key, out var kept) && utf8.SequenceEqual(kept.Utf8))
        {
            return kept.Text;
        }

        var decoded = Encoding.UTF8.GetString(utf8);
        if (_texts.Count < 256 && utf8.Length <= 64)
        {
            _texts[key] = (utf8.ToArray(), decoded);
        }

        return decoded;
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int code)
    {
        if (code != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(code, _db);
        }
    }
}
