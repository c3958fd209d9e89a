using System.Data.Common;
using System.Text;

namespace Decisioning.History;

/// <summary>
/// The SQL stores' shared part, over ADO.NET alone: the schema and its upgrades, idempotent
/// batched inserts (<c>INSERT ... ON CONFLICT DO NOTHING</c>, many rows a statement) and the
/// reads, in SQL that SQLite and PostgreSQL both speak. A store supplies connections and its
/// dialect; nothing here knows a driver.
/// </summary>
/// <remarks>Thread-safe: every call opens its own (pooled) connection.</remarks>
public abstract class SqlHistory : IInteractionHistory
{
    private static readonly string[] DecisionColumns = ["key", "role", "customer_id", "at", "map", "version", "map_hash", "line", "snapshot"];
    private static readonly string[] OfferColumns =
        ["key", "role", "customer_id", "at", "map", "version", "map_hash", "rank", "strategy", "product", "channel", "wave", "score", "propensity", "customer_group", "predictors"];
    private static readonly string[] ContactColumns = ["key", "customer_id", "at", "channel", "strategy", "product", "wave", "outcome"];
    private static readonly string[] ResponseColumns = ["key", "customer_id", "at", "strategy", "product", "kind", "value"];
    private static readonly string[] MapColumns = ["hash", "map", "version", "first_at"];

    /// <summary>The columns <see cref="Append"/> writes into <paramref name="table"/>, in order (all but <c>id</c>).</summary>
    internal static IReadOnlyList<string> Columns(string table) => table switch
    {
        "decisions" => DecisionColumns,
        "offers" => OfferColumns,
        "contacts" => ContactColumns,
        "responses" => ResponseColumns,
        "map_versions" => MapColumns,
        _ => throw new ArgumentException($"the history has no table {table}", nameof(table)),
    };

    /// <summary>
    /// The map versions a batch's decisions name, one per hash with its earliest decision:
    /// <c>hash</c>, <c>map</c>, <c>version</c>, <c>first_at</c>.
    /// </summary>
    internal static IEnumerable<StoredDecision> FirstOfEachMap(IReadOnlyList<StoredDecision> decisions) =>
        decisions.Where(d => d.MapHash is not null)
            .GroupBy(d => d.MapHash!, StringComparer.Ordinal)
            .Select(g => g.MinBy(d => d.At)!);

    /// <inheritdoc />
    public virtual bool IsUnavailable(Exception exception) => HistoryFailures.IsUnavailable(exception);

    /// <summary>Opens a new connection to the store (pooled by the driver).</summary>
    protected abstract DbConnection Open();

    /// <summary>
    /// Rows per INSERT statement (well under the database's limit on parameters a statement). Many
    /// rows a statement save round trips to a server; an embedded database prefers one row a
    /// statement, prepared once and run again for each row.
    /// </summary>
    protected virtual int RowsPerInsert => 400;

    /// <summary>The column type of an auto-increment primary key.</summary>
    protected abstract string IdColumn { get; }

    /// <summary>The column type of a double.</summary>
    protected abstract string RealColumn { get; }

    /// <summary>
    /// A statement run first in the upgrade transaction that serializes upgrades across processes
    /// (null when the transaction itself does, as SQLite's write lock does).
    /// </summary>
    protected abstract string? UpgradeLock { get; }

    /// <summary>Creates the tables or upgrades them to <see cref="HistorySchema.Current"/>; returns the version found before.</summary>
    /// <exception cref="InvalidOperationException">The store was written by a newer version of the library.</exception>
    protected int EnsureSchema()
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        if (UpgradeLock is { } lockStatement)
        {
            Execute(connection, transaction, lockStatement);
        }

        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        var found = Convert.ToInt32(Scalar(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version"));
        if (found > HistorySchema.Current)
        {
            throw new InvalidOperationException(
                $"the history's schema is version {found}, newer than this library's {HistorySchema.Current}: upgrade Decisioning");
        }

        for (var step = found; step < HistorySchema.Current; step++)
        {
            foreach (var statement in HistorySchema.Steps[step])
            {
                if (statement.StartsWith(HistorySchema.DropUniqueKey, StringComparison.Ordinal))
                {
                    DropUniqueKey(connection, transaction, statement[HistorySchema.DropUniqueKey.Length..]);
                    continue;
                }

                Execute(connection, transaction, statement.Replace("{id}", IdColumn).Replace("{real}", RealColumn));
            }
        }

        if (found < HistorySchema.Current)
        {
            Execute(connection, transaction, "DELETE FROM schema_version");
            Execute(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({HistorySchema.Current})");
        }

        transaction.Commit();
        return found;
    }

    /// <summary>
    /// Drops the unique constraint on <paramref name="table"/>'s <c>key</c> column (schema step 2,
    /// <see cref="HistorySchema.DropUniqueKey"/>): by default <c>ALTER TABLE ... DROP CONSTRAINT
    /// table_key_key</c>, the name PostgreSQL gives it.
    /// </summary>
    protected virtual void DropUniqueKey(DbConnection connection, DbTransaction transaction, string table) =>
        Execute(connection, transaction, $"ALTER TABLE {table} DROP CONSTRAINT {table}_key_key");

    /// <inheritdoc />
    public virtual CustomerHistory Read(string customerId, DateTime from, DateTime to)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        using var connection = Open();
        using var command = CustomerReadCommand(connection);
        return ReadCustomer(command, customerId, from, to);
    }

    /// <summary>
    /// The statement of <see cref="Read"/>: a customer's contacts and responses in a time range, in
    /// one round trip (the decision path's one query), parameters <c>@customer</c>, <c>@from</c> and
    /// <c>@to</c>. A store that keeps it prepared runs it with <see cref="ReadCustomer"/>.
    /// </summary>
    protected static DbCommand CustomerReadCommand(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = Command(connection, null, CustomerReadSql);
        Add(command, "@customer", "");
        Add(command, "@from", "");
        Add(command, "@to", "");
        return command;
    }

    /// <summary>Runs a <see cref="CustomerReadCommand"/> for one customer and time range.</summary>
    protected static CustomerHistory ReadCustomer(DbCommand command, string customerId, DateTime from, DateTime to)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters["@customer"].Value = customerId;
        command.Parameters["@from"].Value = HistoryTime.Format(from);
        command.Parameters["@to"].Value = HistoryTime.Format(to);
        List<ContactEntry>? contacts = null;
        List<ResponseEntry>? responses = null;
        using var row = command.ExecuteReader();
        while (row.Read())
        {
            var at = HistoryTime.Parse(row.GetString(1));
            if (Convert.ToInt32(row.GetValue(0)) == 0)
            {
                (contacts ??= []).Add(new ContactEntry(customerId, at, Text(row, 2), Text(row, 3), Text(row, 4), Convert.ToInt32(row.GetValue(5)), Text(row, 6)));
            }
            else
            {
                (responses ??= []).Add(new ResponseEntry(customerId, at, Text(row, 3), Text(row, 4), row.GetString(7), row.GetDouble(8)));
            }
        }

        return contacts is null && responses is null ? CustomerHistory.Empty : new CustomerHistory(contacts ?? [], responses ?? []);
    }

    // Contacts then responses, each in the order recorded; both tables are indexed on (customer_id, at, key).
    private const string CustomerReadSql = """
        SELECT 0 AS part, at, channel, strategy, product, wave, outcome, NULL AS kind, NULL AS value, id FROM contacts
         WHERE customer_id = @customer AND at >= @from AND at <= @to
        UNION ALL
        SELECT 1, at, NULL, strategy, product, NULL, NULL, kind, value, id FROM responses
         WHERE customer_id = @customer AND at >= @from AND at <= @to
        ORDER BY part, id
        """;

    /// <inheritdoc />
    public virtual void Append(HistoryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }

        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        Insert(connection, transaction, "map_versions", MapColumns, MapRows(batch.Decisions));
        Insert(connection, transaction, "decisions", DecisionColumns, batch.Decisions.Select(d =>
            new object?[] { HistoryKeys.Of(d), d.Role, d.CustomerId, HistoryTime.Format(d.At), d.Map, d.Version, d.MapHash, d.Line, d.Snapshot }));
        Insert(connection, transaction, "offers", OfferColumns, batch.Offers.Select(o => new object?[]
        {
            HistoryKeys.Of(o), o.Role, o.CustomerId, HistoryTime.Format(o.At), o.Map, o.Version, o.MapHash, o.Rank, o.Strategy, o.Product,
            o.Channel, o.Wave, o.Score, o.Propensity, o.Group, o.Predictors,
        }));
        Insert(connection, transaction, "contacts", ContactColumns, batch.Contacts.Select(c =>
            new object?[] { HistoryKeys.Of(c), c.CustomerId, HistoryTime.Format(c.At), c.Channel, c.Strategy, c.Product, c.Wave, c.Outcome }));
        Insert(connection, transaction, "responses", ResponseColumns, batch.Responses.Select(r =>
            new object?[] { HistoryKeys.Of(r), r.CustomerId, HistoryTime.Format(r.At), r.Strategy, r.Product, r.Kind, r.Value }));
        transaction.Commit();
    }

    /// <inheritdoc />
    public IEnumerable<StoredDecision> Decisions(HistoryQuery query)
    {
        using var connection = Open();
        foreach (var row in Select(connection, "decisions", "customer_id, at, map, version, map_hash, line, snapshot, role", query))
        {
            yield return new StoredDecision(row.GetString(0), HistoryTime.Parse(row.GetString(1)), row.GetString(2), row.GetString(3),
                Text(row, 4), row.GetString(5), Text(row, 6), row.GetString(7));
        }
    }

    /// <inheritdoc />
    public IEnumerable<OfferEntry> Offers(HistoryQuery query)
    {
        using var connection = Open();
        const string columns = "customer_id, at, map, version, map_hash, rank, strategy, product, channel, wave, score, propensity, customer_group, role, predictors";
        foreach (var row in Select(connection, "offers", columns, query))
        {
            yield return new OfferEntry(row.GetString(0), HistoryTime.Parse(row.GetString(1)), row.GetString(2), row.GetString(3), Text(row, 4),
                Convert.ToInt32(row.GetValue(5)), row.GetString(6), row.GetString(7), row.GetString(8), Convert.ToInt32(row.GetValue(9)),
                row.GetDouble(10), row.GetDouble(11), Text(row, 12), row.GetString(13), Text(row, 14));
        }
    }

    /// <inheritdoc />
    public IEnumerable<ContactEntry> Contacts(HistoryQuery query)
    {
        using var connection = Open();
        foreach (var contact in ReadContacts(connection, query))
        {
            yield return contact;
        }
    }

    /// <inheritdoc />
    public IEnumerable<ResponseEntry> Responses(HistoryQuery query)
    {
        using var connection = Open();
        foreach (var response in ReadResponses(connection, query))
        {
            yield return response;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<MapVersionEntry> MapVersions()
    {
        using var connection = Open();
        using var command = Command(connection, null, "SELECT hash, map, version, first_at FROM map_versions ORDER BY first_at, hash");
        using var reader = command.ExecuteReader();
        var maps = new List<MapVersionEntry>();
        while (reader.Read())
        {
            maps.Add(new MapVersionEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), HistoryTime.Parse(reader.GetString(3))));
        }

        return maps;
    }

    /// <inheritdoc />
    public HistoryCounts Count()
    {
        using var connection = Open();
        long Rows(string table) => Convert.ToInt64(Scalar(connection, null, $"SELECT COUNT(*) FROM {table}"));
        return new HistoryCounts(Rows("decisions"), Rows("offers"), Rows("contacts"), Rows("responses"), Rows("map_versions"));
    }

    /// <inheritdoc />
    public virtual long Purge(DateTime before)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        long removed = 0;
        foreach (var table in new[] { "decisions", "offers", "contacts", "responses" })
        {
            using var command = Command(connection, transaction, $"DELETE FROM {table} WHERE at < @before");
            Add(command, "@before", HistoryTime.Format(before));
            removed += command.ExecuteNonQuery();
        }

        transaction.Commit();
        return removed;
    }

    /// <summary>Releases what the store holds (pools are the driver's).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a derived store holds.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    private static IEnumerable<ContactEntry> ReadContacts(DbConnection connection, HistoryQuery query) =>
        Select(connection, "contacts", "customer_id, at, channel, strategy, product, wave, outcome", query).Select(row =>
            new ContactEntry(row.GetString(0), HistoryTime.Parse(row.GetString(1)), Text(row, 2), Text(row, 3), Text(row, 4),
                Convert.ToInt32(row.GetValue(5)), Text(row, 6)));

    private static IEnumerable<ResponseEntry> ReadResponses(DbConnection connection, HistoryQuery query) =>
        Select(connection, "responses", "customer_id, at, strategy, product, kind, value", query).Select(row =>
            new ResponseEntry(row.GetString(0), HistoryTime.Parse(row.GetString(1)), Text(row, 2), Text(row, 3), row.GetString(4), row.GetDouble(5)));

    // Rows in the order recorded; the reader is the same object each row (read it before the next).
    private static IEnumerable<DbDataReader> Select(DbConnection connection, string table, string columns, HistoryQuery query)
    {
        var where = new List<string>();
        if (query.CustomerId is not null)
        {
            where.Add("customer_id = @customer");
        }

        if (query.From is not null)
        {
            where.Add("at >= @from");
        }

        if (query.To is not null)
        {
            where.Add("at <= @to");
        }

        var sql = $"SELECT {columns} FROM {table}" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY id";
        using var command = Command(connection, null, sql);
        Add(command, "@customer", query.CustomerId, query.CustomerId is not null);
        Add(command, "@from", query.From is { } from ? HistoryTime.Format(from) : null, query.From is not null);
        Add(command, "@to", query.To is { } to ? HistoryTime.Format(to) : null, query.To is not null);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return reader;
        }
    }

    private static IEnumerable<object?[]> MapRows(IReadOnlyList<StoredDecision> decisions) =>
        FirstOfEachMap(decisions).Select(d => new object?[] { d.MapHash, d.Map, d.Version, HistoryTime.Format(d.At) });

    /// <summary>
    /// Writes <paramref name="rows"/> (values in <paramref name="columns"/>' order: strings, ints,
    /// doubles or null) into <paramref name="table"/>, each with <c>INSERT ... ON CONFLICT DO
    /// NOTHING</c>, in <paramref name="transaction"/>. By default a statement per chunk of
    /// <see cref="RowsPerInsert"/> rows, kept (prepared) while chunks have its size.
    /// </summary>
    protected virtual void Insert(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        DbCommand? command = null;
        var rowsInCommand = 0;
        try
        {
            foreach (var chunk in rows.Chunk(RowsPerInsert))
            {
                if (command is null || rowsInCommand != chunk.Length)
                {
                    command?.Dispose();
                    command = InsertCommand(connection, transaction, table, columns, chunk.Length);
                    rowsInCommand = chunk.Length;
                }

                var index = 0;
                foreach (var row in chunk)
                {
                    foreach (var value in row)
                    {
                        command.Parameters[index++].Value = value ?? DBNull.Value;
                    }
                }

                command.ExecuteNonQuery();
            }
        }
        finally
        {
            command?.Dispose();
        }
    }

    private static DbCommand InsertCommand(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, int rows)
    {
        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        var command = Command(connection, transaction, "");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = $"@p{r}_{c}";
                sql.Append(c == 0 ? name : ", " + name);
                Add(command, name, null);
            }

            sql.Append(')');
        }

        command.CommandText = sql.Append(" ON CONFLICT DO NOTHING").ToString();
        return command;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Add(DbCommand command, string name, object? value, bool when = true)
    {
        if (!when)
        {
            return;
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Runs one statement in <paramref name="transaction"/>.</summary>
    protected static void Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs one statement in <paramref name="transaction"/> and returns its first value.</summary>
    protected static object? Scalar(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        return command.ExecuteScalar();
    }

    private static string? Text(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
}
