namespace Decisioning.History;

/// <summary>
/// The history's tables, as upgrade steps: step N brings a store from schema version N-1 to N.
/// A store records its version in <c>schema_version</c>; opening a store applies the steps it
/// lacks, under a lock, so that many processes opening one store at once upgrade it once. Steps
/// are only ever appended: a released step never changes.
/// </summary>
/// <remarks>
/// Times are fixed-width UTC ISO-8601 text (<see cref="HistoryTime"/>); <c>key</c> is each
/// record's identity (<c>HistoryKeys</c>), unique, so that a write is idempotent. Every table is
/// indexed by (customer_id, at): the reads a decision makes.
/// </remarks>
public static class HistorySchema
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
    ];
}
