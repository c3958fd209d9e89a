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

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _dataSource.Dispose();
        }
    }
}
