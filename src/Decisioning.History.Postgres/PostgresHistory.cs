using System.Data.Common;
using Npgsql;

namespace Decisioning.History.Postgres;

/// <summary>
/// The interaction history in a PostgreSQL database, shared by every host of a fleet. The tables
/// are created or upgraded when the store opens, under an advisory lock so that hosts starting
/// together upgrade once. Put them in their own schema with <c>Search Path=NAME</c> in the
/// connection string.
/// </summary>
public sealed class PostgresHistory : SqlHistory
{
    // An arbitrary constant: the advisory lock every Decisioning host takes to upgrade the schema.
    private const long UpgradeLockKey = 0x4465_6369_7369_6f6e;

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Opens the history in the database <paramref name="connectionString"/> names.</summary>
    public PostgresHistory(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        EnsureSchema();
    }

    /// <inheritdoc />
    protected override string IdColumn => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    /// <inheritdoc />
    protected override string RealColumn => "DOUBLE PRECISION";

    /// <inheritdoc />
    protected override string? UpgradeLock => $"SELECT pg_advisory_xact_lock({UpgradeLockKey})";

    /// <inheritdoc />
    protected override DbConnection Open() => _dataSource.OpenConnection();

    /// <summary>
    /// As the default (Npgsql calls a lost or refused connection and a time-out transient), and
    /// the server's own states for "not now": a connection exception (class 08), insufficient
    /// resources (class 53: a disk full, too many connections), a server shutting down or starting
    /// (57P01-57P03), a serialization failure or deadlock (40001, 40P01). Any other server error (a
    /// constraint, a type, a permission) is the batch's own failure.
    /// </summary>
    public override bool IsUnavailable(Exception exception) =>
        base.IsUnavailable(exception)
        || HistoryFailures.Chain(exception).Any(e => e is PostgresException server && NotNow(server.SqlState));

    private static bool NotNow(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
        || state is "57P01" or "57P02" or "57P03" or "40001" or "40P01";

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _dataSource.Dispose();
        }
    }
}
