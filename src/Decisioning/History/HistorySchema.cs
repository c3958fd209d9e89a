namespace Decisioning.History;

/// <summary>
/// The history's tables, as upgrade steps: step N brings a store from schema version N-1 to N.
/// A store records its version in <c>schema_version</c>; opening a store applies the steps it
/// lacks, under a lock, so that many processes opening one store at once upgrade it once. Steps
/// are only ever appended: a released step never changes.
/// </summary>
/// <remarks>
/// Times are fixed-width UTC ISO-8601 text (<see cref="HistoryTime"/>); <c>key</c> is each
/// record's identity (<c>HistoryKeys</c>), so that a write is idempotent: every table has one
/// unique index, (customer_id, at, key), for the reads a decision makes and for that identity.
/// </remarks>
internal static class HistorySchema
{
    /// <summary>The schema version this library writes.</summary>
    public static int Current => Steps.Count;

    /// <summary>
    /// The upgrade steps, with <c>{id}</c> for the dialect's auto-increment key column and
    /// <c>{real}</c> for its double type.
    /// </summary>
    public static IReadOnlyList<string[]> Steps { get; } =
    [
        [
            """
            CREATE TABLE map_versions (
              hash TEXT PRIMARY KEY, map TEXT NOT NULL, version TEXT NOT NULL, first_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE decisions (
              id {id}, key TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
              customer_id TEXT NOT NULL, at TEXT NOT NULL, map TEXT NOT NULL, version TEXT NOT NULL,
              map_hash TEXT, line TEXT NOT NULL, snapshot TEXT)
            """,
            "CREATE INDEX decisions_customer_at ON decisions (customer_id, at)",
            """
            CREATE TABLE offers (
              id {id}, key TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
              customer_id TEXT NOT NULL, at TEXT NOT NULL, map TEXT NOT NULL, version TEXT NOT NULL,
              map_hash TEXT, rank INTEGER NOT NULL, strategy TEXT NOT NULL, product TEXT NOT NULL,
              channel TEXT NOT NULL, wave INTEGER NOT NULL, score {real} NOT NULL, propensity {real} NOT NULL,
              customer_group TEXT, predictors TEXT)
            """,
            "CREATE INDEX offers_customer_at ON offers (customer_id, at)",
            """
            CREATE TABLE contacts (
              id {id}, key TEXT NOT NULL UNIQUE,
              customer_id TEXT NOT NULL, at TEXT NOT NULL, channel TEXT, strategy TEXT, product TEXT,
              wave INTEGER NOT NULL, outcome TEXT)
            """,
            "CREATE INDEX contacts_customer_at ON contacts (customer_id, at)",
            """
            CREATE TABLE responses (
              id {id}, key TEXT NOT NULL UNIQUE,
              customer_id TEXT NOT NULL, at TEXT NOT NULL, strategy TEXT, product TEXT,
              kind TEXT NOT NULL, value {real} NOT NULL)
            """,
            "CREATE INDEX responses_customer_at ON responses (customer_id, at)",
        ],

        // Version 2: a record's identity joins the (customer_id, at) index, which becomes unique,
        // in place of a unique index on the key alone. Keys are hashes, so the key index took a
        // write at a random page for every record; a store with one index a table writes about
        // half the pages a batch (benchmarks/README.md, "The interaction history"). The key still
        // makes writes idempotent: it determines the customer and the time it was made from.
        [
            "DROP INDEX decisions_customer_at",
            DropUniqueKey + "decisions",
            "CREATE UNIQUE INDEX decisions_customer_at_key ON decisions (customer_id, at, key)",
            "DROP INDEX offers_customer_at",
            DropUniqueKey + "offers",
            "CREATE UNIQUE INDEX offers_customer_at_key ON offers (customer_id, at, key)",
            "DROP INDEX contacts_customer_at",
            DropUniqueKey + "contacts",
            "CREATE UNIQUE INDEX contacts_customer_at_key ON contacts (customer_id, at, key)",
            "DROP INDEX responses_customer_at",
            DropUniqueKey + "responses",
            "CREATE UNIQUE INDEX responses_customer_at_key ON responses (customer_id, at, key)",
        ],
    ];

    /// <summary>
    /// A step's statement that is not SQL: drop the unique constraint on the named table's
    /// <c>key</c> column, in the dialect's way (PostgreSQL drops the constraint; SQLite, which
    /// cannot, copies the table into one without it).
    /// </summary>
    public const string DropUniqueKey = "DROP UNIQUE KEY ";
}
