using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Decisioning.History.Sqlite;

/// <summary>
/// One prepared SQLite statement, driven through SQLite's own interface (<see cref="Sqlite3"/>) on
/// a <see cref="RawConnection"/>: parameters bound by position, texts bound as UTF-8 and read as
/// UTF-8, no command, reader or parameter objects a row, no safe handle or mutex a call. The
/// history's two hot statements, a decision's read and a batch's inserts, spent most of their
/// time in those (benchmarks/README.md).
/// </summary>
/// <remarks>
/// Not thread-safe: one statement per connection and thread. Every run binds all of its
/// parameters anew: texts are encoded into a buffer of the statement's own and bound in place
/// (SQLite does not copy them), so a run's texts overwrite the last run's.
/// </remarks>
internal sealed unsafe class RawStatement : IDisposable
{
    // Room for a row's short texts (ids, times, keys); a longer text is bound as a copy.
    private const int ArenaBytes = 4096;

    private readonly RawConnection _connection;
    private nint _statement;

    // Pinned for the statement's life: SQLite reads the texts bound from it when the statement runs.
    private readonly byte[] _arena = GC.AllocateUninitializedArray<byte>(ArenaBytes, pinned: true);
    private int _used;

    // Texts read back, by a hash of their bytes: a customer's records repeat a few channel,
    // strategy, product and outcome ids, so each is decoded once rather than once a row, and
    // found again with one lookup rather than a comparison with every text kept.
    private readonly Dictionary<int, (byte[] Utf8, string Text)> _texts = [];

    public RawStatement(RawConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        var text = Sqlite3.Utf8Z(sql);
        fixed (byte* p = text)
        {
            Sqlite3.Check(Sqlite3.PrepareV2(connection.Handle, p, text.Length, out _statement, 0), connection.Handle);
        }
    }

    /// <summary>The 1-based position of a named parameter.</summary>
    public int Parameter(string name)
    {
        var text = Sqlite3.Utf8Z(name);
        fixed (byte* p = text)
        {
            var index = Sqlite3.BindParameterIndex(_statement, p);
            return index > 0 ? index : throw new ArgumentException($"the statement has no parameter {name}", nameof(name));
        }
    }

    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            Check(Sqlite3.BindNull(_statement, index));
        }
        else
        {
            Bind(index, value.AsSpan());
        }
    }

    public void Bind(int index, ReadOnlySpan<char> value)
    {
        // At most three UTF-8 bytes a UTF-16 unit.
        if ((long)value.Length * 3 <= _arena.Length - _used)
        {
            var written = Encoding.UTF8.GetBytes(value, _arena.AsSpan(_used));
            Check(Sqlite3.BindText(_statement, index, Arena(_used), written, Sqlite3.Static));
            _used += written;
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length));
        try
        {
            var written = Encoding.UTF8.GetBytes(value, rented);
            BindUtf8(index, rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Binds text already in UTF-8 (SQLite copies it).</summary>
    public void BindUtf8(int index, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            // Empty text, not null: a pointer SQLite can read, zero bytes.
            Check(Sqlite3.BindText(_statement, index, Arena(0), 0, Sqlite3.Transient));
            return;
        }

        fixed (byte* p = value)
        {
            Check(Sqlite3.BindText(_statement, index, p, value.Length, Sqlite3.Transient));
        }
    }

    public void Bind(int index, int value) => Check(Sqlite3.BindInt64(_statement, index, value));

    public void Bind(int index, double value) => Check(Sqlite3.BindDouble(_statement, index, value));

    /// <summary>Runs a statement that returns no rows, and makes it ready to run again.</summary>
    public void Execute()
    {
        var done = Sqlite3.Step(_statement);
        try
        {
            if (done != Sqlite3.Done)
            {
                Check(done == Sqlite3.Row ? 1 : done);
            }
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>The next row; false at the end (the statement is then ready to run again).</summary>
    public bool Next()
    {
        var step = Sqlite3.Step(_statement);
        if (step == Sqlite3.Row)
        {
            return true;
        }

        try
        {
            if (step != Sqlite3.Done)
            {
                Check(step);
            }
        }
        finally
        {
            Reset();
        }

        return false;
    }

    /// <summary>Resets a statement (left before its last row by an exception, or run).</summary>
    public void Reset()
    {
        Sqlite3.Reset(_statement);
        _used = 0;
    }

    public bool IsNull(int column) => Sqlite3.ColumnType(_statement, column) == Sqlite3.NullType;

    public int Int(int column) => (int)Sqlite3.ColumnInt64(_statement, column);

    public long Long(int column) => Sqlite3.ColumnInt64(_statement, column);

    public double Double(int column) => Sqlite3.ColumnDouble(_statement, column);

    /// <summary>A text column's bytes, valid until the next row (empty for null).</summary>
    public ReadOnlySpan<byte> Utf8(int column)
    {
        var text = Sqlite3.ColumnText(_statement, column);
        return text is null ? default : new ReadOnlySpan<byte>(text, Sqlite3.ColumnBytes(_statement, column));
    }

    public string? Text(int column)
    {
        var pointer = Sqlite3.ColumnText(_statement, column);
        if (pointer is null)
        {
            return null;
        }

        var utf8 = new ReadOnlySpan<byte>(pointer, Sqlite3.ColumnBytes(_statement, column));
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

    public void Dispose()
    {
        if (_statement != 0)
        {
            Sqlite3.Finalize(_statement);
            _statement = 0;
        }
    }

    private byte* Arena(int offset) => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_arena)) + offset;

    private void Check(int code) => Sqlite3.Check(code, _connection.Handle);
}
