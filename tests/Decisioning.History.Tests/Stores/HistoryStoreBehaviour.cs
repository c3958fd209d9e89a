using Decisioning.History.Postgres;
using Decisioning.History.Sqlite;
using Decisioning.History.Tests.Support;

namespace Decisioning.History.Tests.Stores;

/// <summary>
/// What every interaction history does, whatever keeps it: run against the in-memory store,
/// SQLite and a real PostgreSQL (the three subclasses below).
/// </summary>
public abstract class HistoryStoreBehaviour : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);
    private IInteractionHistory? _store;

    protected TempFolder Folder { get; } = new();

    /// <summary>A new, empty store (the same database each call within one test, to reopen it).</summary>
    protected abstract IInteractionHistory Create();

    private IInteractionHistory Store => _store ??= Create();

    [SkippableFact]
    public void Read_ReturnsOnlyTheCustomersRecordsInTheRange_BothEndsIncluded()
    {
        Store.Append(new HistoryBatch([], [],
            [Contact("C1", T0), Contact("C1", T0.AddDays(3)), Contact("C1", T0.AddDays(10)), Contact("C2", T0.AddDays(3))],
            [Response("C1", T0.AddDays(3), "declined"), Response("C2", T0, "converted")]));

        var read = Store.Read("C1", T0, T0.AddDays(3));

        Assert.Equal([T0, T0.AddDays(3)], read.Contacts.Select(c => c.At));
        Assert.All(read.Contacts, c => Assert.Equal("C1", c.CustomerId));
        Assert.Equal("declined", Assert.Single(read.Responses).Kind);
    }

    [SkippableFact]
    public void Append_KeepsEveryFieldOfEveryKind()
    {
        var at = T0.AddTicks(1234567);
        var contact = new ContactEntry("C1", at, "rm-call", "retiree-pension", "pension-fund", 2, "sent");
        var response = new ResponseEntry("C1", at, null, "pension-fund", "converted", 1200.5);
        var decision = new StoredDecision("C1", at, "retail-wealth", "2026.11.1", "sha256:ab", """{"customerId":"C1"}""", """{"customerId":"C1","age":58}""");
        var offer = new OfferEntry("C1", at, "retail-wealth", "2026.11.1", "sha256:ab", 1, "retiree-pension", "pension-fund", "rm-call", 2, 30.72, 0.12,
            "model", OfferRoles.Shadow, """{"age":58}""");

        Store.Append(new HistoryBatch([decision], [offer], [contact], [response]));

        Assert.Equal(contact, Assert.Single(Store.Contacts(HistoryQuery.All)));
        Assert.Equal(response, Assert.Single(Store.Responses(HistoryQuery.All)));
        Assert.Equal(decision, Assert.Single(Store.Decisions(HistoryQuery.All)));
        Assert.Equal(offer, Assert.Single(Store.Offers(HistoryQuery.All)));
        Assert.Equal(new MapVersionEntry("sha256:ab", "retail-wealth", "2026.11.1", at), Assert.Single(Store.MapVersions()));
    }

    [SkippableFact]
    public void Append_AnIdenticalRecordTwice_StoresItOnce()
    {
        var batch = new HistoryBatch([], [], [Contact("C1", T0), Contact("C1", T0)], [Response("C1", T0, "responded")]);

        Store.Append(batch);
        Store.Append(batch);

        Assert.Equal(new HistoryCounts(0, 0, 1, 1, 0), Store.Count());
    }

    [SkippableFact]
    public void Append_RecordsThatDifferInOneField_AreAllKept()
    {
        Store.Append(HistoryBatch.Of([Contact("C1", T0), Contact("C1", T0) with { Wave = 2 }, Contact("C1", T0) with { Channel = null },
            Contact("C1", T0) with { Channel = "" }, Contact("C1", T0.AddTicks(1))]));

        Assert.Equal(5, Store.Count().Contacts);
    }

    [SkippableFact]
    public void Reads_ComeInTheOrderRecorded()
    {
        var times = new[] { T0.AddDays(5), T0, T0.AddDays(2) };
        foreach (var at in times)
        {
            Store.Append(HistoryBatch.Of([Contact("C1", at)]));
        }

        Assert.Equal(times, Store.Contacts(HistoryQuery.All).Select(c => c.At));
    }

    [SkippableFact]
    public void Read_GivesACustomersRecordsInTheOrderRecorded_NotInTimeOrder()
    {
        var times = new[] { T0.AddDays(5), T0, T0.AddDays(2) };
        foreach (var at in times)
        {
            Store.Append(new HistoryBatch([], [], [Contact("C1", at)], [Response("C1", at, "responded")]));
        }

        var read = Store.Read("C1", T0, T0.AddDays(5));

        Assert.Equal(times, read.Contacts.Select(c => c.At));
        Assert.Equal(times, read.Responses.Select(r => r.At));
    }

    [SkippableFact]
    public void Append_LongAndNonAsciiTexts_AreKeptWhole()
    {
        var line = "{\"customerId\":\"王女士\",\"trace\":\"" + string.Concat(Enumerable.Repeat("理财-é-😀 ", 600)) + "\"}";
        var decision = new StoredDecision("王女士", T0, "m", "1", "sha256:x", line, new string('x', 10_000));
        var contact = new ContactEntry("王女士", T0, "微信", new string('s', 3000), "", 1, "送达");

        Store.Append(new HistoryBatch([decision], [], [contact], []));

        Assert.Equal(decision, Assert.Single(Store.Decisions(HistoryQuery.All)));
        Assert.Equal(contact, Assert.Single(Store.Read("王女士", T0, T0).Contacts));
    }

    [SkippableFact]
    public void Append_ADecisionHeldInUtf8_StoresItsLineAsText()
    {
        const string line = """{"customerId":"C1","name":"王女士"}""";
        var held = new StoredDecision("C1", T0, "m", "1", "sha256:x", System.Text.Encoding.UTF8.GetBytes(line), null, OfferRoles.Served);

        Store.Append(new HistoryBatch([held], [], [], []));

        var stored = Assert.Single(Store.Decisions(HistoryQuery.All));
        Assert.Equal(line, stored.Line);
        Assert.Equal(new StoredDecision("C1", T0, "m", "1", "sha256:x", line), stored);
    }

    [SkippableFact]
    public void Query_ByCustomerAndRange_FiltersDecisionsAndOffers()
    {
        var decisions = Enumerable.Range(0, 4).Select(i => new StoredDecision($"C{i % 2}", T0.AddDays(i), "m", "1", "sha256:x", "{}")).ToList();
        var offers = decisions.Select(d => new OfferEntry(d.CustomerId, d.At, "m", "1", "sha256:x", 1, "s", "p", "c", 1, 1, 1, null)).ToList();
        Store.Append(new HistoryBatch(decisions, offers, [], []));

        var query = new HistoryQuery("C0", T0.AddDays(1));

        Assert.Equal([T0.AddDays(2)], Store.Decisions(query).Select(d => d.At));
        Assert.Equal([T0.AddDays(2)], Store.Offers(query).Select(o => o.At));
    }

    [SkippableFact]
    public void Purge_DeletesWhatIsOlder_AndKeepsMapVersions()
    {
        var old = new StoredDecision("C1", T0, "m", "1", "sha256:x", "{}");
        Store.Append(new HistoryBatch([old, old with { At = T0.AddDays(40) }], [], [Contact("C1", T0), Contact("C1", T0.AddDays(40))], [Response("C1", T0, "declined")]));

        var removed = Store.Purge(T0.AddDays(30));

        Assert.Equal(3, removed);
        Assert.Equal(new HistoryCounts(1, 0, 1, 0, 1), Store.Count());
    }

    [SkippableFact]
    public void Append_AnEmptyBatch_DoesNothing()
    {
        Store.Append(new HistoryBatch([], [], [], []));

        Assert.Equal(new HistoryCounts(0, 0, 0, 0, 0), Store.Count());
        Assert.Empty(Store.Read("C1", DateTime.MinValue, DateTime.MaxValue).Contacts);
    }

    [SkippableFact]
    public void ManyThreads_AppendingAtOnce_LoseNothingAndDuplicateNothing()
    {
        var store = Store;
        Parallel.For(0, 8, thread =>
        {
            for (var i = 0; i < 25; i++)
            {
                // Every thread also writes the shared record 0: it must be stored once.
                store.Append(HistoryBatch.Of([Contact($"T{thread}", T0.AddMinutes(i)), Contact("shared", T0)]));
            }
        });

        Assert.Equal(8 * 25 + 1, store.Count().Contacts);
    }

    /// <summary>
    /// A store of schema version 1 (made by its own statements, one record a table, written out
    /// of time order), opened by this library: upgraded with every record, its order and its
    /// identity kept, so that writing a stored record again still adds nothing.
    /// </summary>
    protected static void UpgradesAVersion1Store(Func<System.Data.Common.DbConnection> connect, string id, string real, Func<IInteractionHistory> open)
    {
        using (var connection = connect())
        {
            void Run(string sql)
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }

            Run("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            Run("INSERT INTO schema_version (version) VALUES (1)");
            foreach (var statement in HistorySchema.Steps[0])
            {
                Run(statement.Replace("{id}", id).Replace("{real}", real));
            }

            Run("INSERT INTO contacts (key, customer_id, at, channel, wave) VALUES ('k2', 'C1', '2026-11-22T08:00:00.0000000Z', 'sms', 1)");
            Run("INSERT INTO contacts (key, customer_id, at, channel, wave) VALUES ('k1', 'C1', '2026-11-20T08:00:00.0000000Z', 'sms', 1)");
            Run("INSERT INTO responses (key, customer_id, at, kind, value) VALUES ('k3', 'C1', '2026-11-21T08:00:00.0000000Z', 'declined', 0)");
            Run("INSERT INTO decisions (key, role, customer_id, at, map, version, line) VALUES ('k4', 'served', 'C1', '2026-11-20T08:00:00.0000000Z', 'm', '1', '{}')");
            Run("INSERT INTO offers (key, role, customer_id, at, map, version, rank, strategy, product, channel, wave, score, propensity) " +
                "VALUES ('k5', 'served', 'C1', '2026-11-20T08:00:00.0000000Z', 'm', '1', 1, 's', 'p', 'sms', 1, 1, 0.5)");
        }

        using (var store = open())
        {
            Assert.Equal(new HistoryCounts(1, 1, 2, 1, 0), store.Count());
            Assert.Equal([T0.AddDays(2), T0], store.Contacts(HistoryQuery.All).Select(c => c.At));
            Assert.Equal(2, store.Read("C1", T0, T0.AddDays(2)).Contacts.Count);
            store.Append(HistoryBatch.Of([Contact("C1", T0)]));
            Assert.Equal(3, store.Count().Contacts);
        }

        using (var connection = connect())
        {
            // The same record (customer, time and key) written again is still refused.
            using var again = connection.CreateCommand();
            again.CommandText = "INSERT INTO contacts (key, customer_id, at, channel, wave) VALUES ('k1', 'C1', '2026-11-20T08:00:00.0000000Z', 'sms', 1) ON CONFLICT DO NOTHING";
            Assert.Equal(0, again.ExecuteNonQuery());
            using var version = connection.CreateCommand();
            version.CommandText = "SELECT MAX(version) FROM schema_version";
            Assert.Equal(HistorySchema.Current, Convert.ToInt32(version.ExecuteScalar()));
        }
    }

    public void Dispose()
    {
        _store?.Dispose();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    private static ContactEntry Contact(string customer, DateTime at) => new(customer, at, "app-push", "retiree-pension", "pension-fund", 1, "sent");

    private static ResponseEntry Response(string customer, DateTime at, string kind) => new(customer, at, "retiree-pension", "pension-fund", kind);
}

public sealed class InMemoryHistoryTests : HistoryStoreBehaviour
{
    protected override IInteractionHistory Create() => new InMemoryHistory();
}

public sealed class SqliteHistoryTests : HistoryStoreBehaviour
{
    protected override IInteractionHistory Create() => new SqliteHistory(Folder.File("history.db"));

    [Fact]
    public void Open_AStoreTwice_KeepsItsRecordsAndSchemaVersion()
    {
        var path = Folder.File("reopen.db");
        using (var first = new SqliteHistory(path))
        {
            first.Append(HistoryBatch.Of([new ContactEntry("C1", DateTime.UnixEpoch, "sms", null, null)]));
        }

        using var second = new SqliteHistory(path);
        Assert.Equal(1, second.Count().Contacts);
    }

    [Fact]
    public void Read_RightAfterThisStoresOwnWrite_SeesIt()
    {
        using var store = new SqliteHistory(Folder.File("own.db"));
        var contact = new ContactEntry("C1", DateTime.UnixEpoch, "sms", "s", "p");
        Assert.Empty(store.Read("C1", DateTime.MinValue, DateTime.MaxValue).Contacts);

        // Within the thread's shared snapshot's age: the store's own commit ends the snapshot.
        store.Append(HistoryBatch.Of([contact]));
        Assert.Equal(contact, Assert.Single(store.Read("C1", DateTime.MinValue, DateTime.MaxValue).Contacts));

        store.Purge(DateTime.MaxValue);
        Assert.Empty(store.Read("C1", DateTime.MinValue, DateTime.MaxValue).Contacts);
    }

    [Fact]
    public void Read_AnotherProcesssWrite_IsSeenOnceTheSnapshotIsAMillisecondOld()
    {
        var path = Folder.File("shared.db");
        using var mine = new SqliteHistory(path);
        using var theirs = new SqliteHistory(path);
        Assert.Empty(mine.Read("C1", DateTime.MinValue, DateTime.MaxValue).Contacts);

        theirs.Append(HistoryBatch.Of([new ContactEntry("C1", DateTime.UnixEpoch, "sms", "s", "p")]));
        Thread.Sleep(5);

        Assert.Single(mine.Read("C1", DateTime.MinValue, DateTime.MaxValue).Contacts);
    }

    [Fact]
    public void Append_PastTheCheckpointSize_CopiesTheLogIntoTheFileBesideTheWriter()
    {
        var path = Folder.File("checkpoint.db");
        using var store = new SqliteHistory(path);
        var line = new string('x', 100_000);
        var decisions = Enumerable.Range(0, 100)
            .Select(i => new StoredDecision($"C{i}", DateTime.UnixEpoch.AddSeconds(i), "m", "1", null, line))
            .ToList();

        store.Append(new HistoryBatch(decisions, [], [], []));

        // The writer leaves the log as it is; the store's checkpoint copies it into the file itself.
        Assert.True(SpinWait.SpinUntil(() => new FileInfo(path).Length > 8 * 1024 * 1024, TimeSpan.FromSeconds(20)),
            $"the file holds {new FileInfo(path).Length:N0} bytes");
        Assert.Equal(100, store.Count().Decisions);
    }

    [Fact]
    public void Open_AStoreOfANewerSchema_RefusesWithTheReason()
    {
        var path = Folder.File("newer.db");
        using (var store = new SqliteHistory(path))
        {
        }

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            using var bump = connection.CreateCommand();
            bump.CommandText = $"UPDATE schema_version SET version = {HistorySchema.Current + 1}";
            bump.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidOperationException>(() => new SqliteHistory(path));
        Assert.Contains("newer than this library", error.Message);
    }

    [Fact]
    public void Open_AVersion1Store_UpgradesItKeepingEveryRecord()
    {
        var path = Folder.File("v1.db");
        UpgradesAVersion1Store(() =>
        {
            var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=false");
            connection.Open();
            return connection;
        }, "INTEGER PRIMARY KEY", "REAL", () => new SqliteHistory(path));
    }
}

public sealed class PostgresHistoryTests : HistoryStoreBehaviour
{
    private string? _database;

    protected override IInteractionHistory Create()
    {
        Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
        return new PostgresHistory(_database ??= PostgresServer.NewDatabase());
    }

    [SkippableFact]
    public void Open_ByManyHostsAtOnce_CreatesTheSchemaOnce()
    {
        Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
        var database = PostgresServer.NewDatabase();

        Parallel.For(0, 6, _ => new PostgresHistory(database).Dispose());

        using var store = new PostgresHistory(database);
        Assert.Equal(0, store.Count().Contacts);
    }

    [SkippableFact]
    public void Open_AVersion1Store_UpgradesItKeepingEveryRecord()
    {
        Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
        var database = PostgresServer.NewDatabase();
        UpgradesAVersion1Store(() =>
        {
            var connection = new Npgsql.NpgsqlConnection(database);
            connection.Open();
            return connection;
        }, "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "DOUBLE PRECISION", () => new PostgresHistory(database));
    }
}
