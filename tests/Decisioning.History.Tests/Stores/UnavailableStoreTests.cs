using System.Data.Common;
using System.Net.Sockets;
using Decisioning.History.Postgres;
using Decisioning.History.Sqlite;
using Microsoft.Data.Sqlite;
using Decisioning.History.Tests.Support;
using Npgsql;

namespace Decisioning.History.Tests.Stores;

/// <summary>
/// What each store calls "unavailable for now" (the batch is kept and written again) against
/// "refused" (retried twice, then failed): docs/history.md, "When the store is unavailable".
/// </summary>
public sealed class UnavailableStoreTests
{
    private static string? s_database;

    public static TheoryData<Exception> Unavailable() =>
    [
        new TimeoutException("no answer"),
        new IOException("connection reset by peer"),
        new InvalidOperationException("the write failed", new SocketException((int)SocketError.ConnectionRefused)),
        new AggregateException(new FormatException("not this one"), new TransientDbException()),
    ];

    public static TheoryData<Exception> Refused() =>
    [
        new InvalidOperationException("a bug"),
        new ArgumentException("a bad record"),
        new FormatException("not a number"),
        new NonTransientDbException(),
    ];

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void ByDefault_ATimeOutASocketAnIoErrorOrATransientDatabaseError_IsUnavailable(Exception failure)
    {
        Assert.True(HistoryFailures.IsUnavailable(failure));
        using var store = new InMemoryHistory();
        Assert.True(((IInteractionHistory)store).IsUnavailable(failure));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void ByDefault_AnyOtherFailure_IsTheBatchs(Exception failure) =>
        Assert.False(HistoryFailures.IsUnavailable(failure));

    [Fact]
    public void AnExceptionThatHoldsItself_IsReadToAnEnd()
    {
        var loop = new InvalidOperationException("loops");
        // Nothing forbids it: an exception whose inner exception is itself.
        typeof(Exception).GetField("_innerException", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.SetValue(loop, loop);
        Assert.False(HistoryFailures.IsUnavailable(loop));
        Assert.Equal(64, HistoryFailures.Chain(loop).Count());
    }

    [Theory]
    [InlineData(5, true)] // SQLITE_BUSY: another process writes past the busy time-out
    [InlineData(5 | (1 << 8), true)] // SQLITE_BUSY_RECOVERY, an extended code
    [InlineData(6, true)] // SQLITE_LOCKED
    [InlineData(10, true)] // SQLITE_IOERR
    [InlineData(13, true)] // SQLITE_FULL
    [InlineData(14, true)] // SQLITE_CANTOPEN
    [InlineData(19, false)] // SQLITE_CONSTRAINT
    [InlineData(11, false)] // SQLITE_CORRUPT
    [InlineData(1, false)] // SQLITE_ERROR
    public void Sqlite_ReadsSqlitesCodes(int code, bool unavailable)
    {
        using var folder = new TempFolder();
        using var store = new SqliteHistory(folder.File("history.db"));
        Assert.Equal(unavailable, store.IsUnavailable(new SqliteException($"SQLite Error {code}", code, code)));
        Assert.Equal(unavailable, store.IsUnavailable(new InvalidOperationException("wrapped", new SqliteException($"SQLite Error {code}", code, code))));
    }

    [SkippableTheory]
    [InlineData("57P01", true)] // admin_shutdown: the server is restarting
    [InlineData("57P03", true)] // cannot_connect_now: it is starting
    [InlineData("08006", true)] // connection_failure
    [InlineData("53100", true)] // disk_full
    [InlineData("53300", true)] // too_many_connections
    [InlineData("40001", true)] // serialization_failure
    [InlineData("23505", false)] // unique_violation
    [InlineData("22P02", false)] // invalid_text_representation
    [InlineData("42501", false)] // insufficient_privilege
    public void Postgres_ReadsTheServersStates(string state, bool unavailable)
    {
        Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
        using var store = new PostgresHistory(s_database ??= PostgresServer.NewDatabase());
        var failure = new PostgresException("message", "ERROR", "ERROR", state);
        Assert.Equal(unavailable, store.IsUnavailable(failure));
        Assert.Equal(unavailable, store.IsUnavailable(new InvalidOperationException("wrapped", failure)));
    }

    private sealed class TransientDbException : DbException
    {
        public override bool IsTransient => true;
    }

    private sealed class NonTransientDbException : DbException
    {
        public override bool IsTransient => false;
    }
}
