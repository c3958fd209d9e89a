using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Decisioning.History.Sqlite;

/// <summary>
/// The few functions of SQLite's C interface that the history's hot paths call (a decision's read,
/// a batch's inserts), bound directly to the library Microsoft.Data.Sqlite loads (<c>e_sqlite3</c>,
/// the same file, so the same library instance). Through SQLitePCLRaw each call took and released
/// a safe handle and went through a provider object: with about ten calls a row, that was a
/// third of a read (benchmarks/README.md, "The interaction history"). Handles here are plain
/// pointers, owned by <see cref="RawConnection"/> and <see cref="RawStatement"/>.
/// </summary>
/// <remarks>
/// The value and column functions neither block nor call back into .NET, and take well under a
/// microsecond, so they skip the runtime's GC transition; <c>step</c>, <c>exec</c>, <c>open</c> and
/// <c>close</c> may wait (for a lock, for the disk) and keep it.
/// </remarks>
internal static unsafe partial class Sqlite3
{
    private const string Library = "e_sqlite3";

    public const int Ok = 0;
    public const int Row = 100;
    public const int Done = 101;
    public const int NullType = 5;

    public const int OpenReadWrite = 0x00000002;

    // Multi-thread mode for this connection: SQLite takes no mutex around each call. Each raw
    // connection is used by one thread at a time (the store's locks), which is all that mode asks.
    public const int OpenNoMutex = 0x00008000;

    // SQLITE_TRANSIENT: SQLite copies the bound value before the bind call returns.
    public static readonly nint Transient = -1;

    // SQLITE_STATIC: the bound value stays valid and unchanged until the statement is bound again or reset.
    public const nint Static = 0;

    [LibraryImport(Library, EntryPoint = "sqlite3_open_v2")]
    public static partial int OpenV2(byte* filename, out nint db, int flags, byte* vfs);

    [LibraryImport(Library, EntryPoint = "sqlite3_close_v2")]
    public static partial int CloseV2(nint db);

    [LibraryImport(Library, EntryPoint = "sqlite3_exec")]
    public static partial int Exec(nint db, byte* sql, nint callback, nint argument, nint errorMessage);

    [LibraryImport(Library, EntryPoint = "sqlite3_busy_timeout")]
    public static partial int BusyTimeout(nint db, int milliseconds);

    [LibraryImport(Library, EntryPoint = "sqlite3_errmsg")]
    public static partial byte* ErrorMessage(nint db);

    [LibraryImport(Library, EntryPoint = "sqlite3_extended_errcode")]
    public static partial int ExtendedErrorCode(nint db);

    [LibraryImport(Library, EntryPoint = "sqlite3_prepare_v2")]
    public static partial int PrepareV2(nint db, byte* sql, int bytes, out nint statement, nint tail);

    [LibraryImport(Library, EntryPoint = "sqlite3_finalize")]
    public static partial int Finalize(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    public static partial int Step(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    [SuppressGCTransition]
    public static partial int Reset(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_parameter_index")]
    public static partial int BindParameterIndex(nint statement, byte* name);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    [SuppressGCTransition]
    public static partial int BindText(nint statement, int index, byte* text, int bytes, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [SuppressGCTransition]
    public static partial int BindInt64(nint statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_double")]
    [SuppressGCTransition]
    public static partial int BindDouble(nint statement, int index, double value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [SuppressGCTransition]
    public static partial int BindNull(nint statement, int index);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    [SuppressGCTransition]
    public static partial int ColumnType(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [SuppressGCTransition]
    public static partial long ColumnInt64(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_double")]
    [SuppressGCTransition]
    public static partial double ColumnDouble(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_text")]
    [SuppressGCTransition]
    public static partial byte* ColumnText(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [SuppressGCTransition]
    public static partial int ColumnBytes(nint statement, int column);

    /// <summary>Throws the <see cref="SqliteException"/> Microsoft.Data.Sqlite would for <paramref name="code"/>.</summary>
    public static void Check(int code, nint db)
    {
        if (code != Ok)
        {
            Throw(code, db);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(int code, nint db)
    {
        var message = db == 0 ? null : Marshal.PtrToStringUTF8((nint)ErrorMessage(db));
        var extended = db == 0 ? code : ExtendedErrorCode(db);
        throw new SqliteException($"SQLite Error {code}: '{message ?? "unknown error"}'.", code, extended);
    }

    /// <summary>Text as a NUL-terminated UTF-8 string for SQLite's functions that take one.</summary>
    public static byte[] Utf8Z(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
