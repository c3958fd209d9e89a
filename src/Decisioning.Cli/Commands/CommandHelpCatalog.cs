using Decisioning.Cli.Infrastructure;

namespace Decisioning.Cli.Commands;

/// <summary>
/// The examples and exit codes <c>--help</c> shows, by command path. Every command of
/// <see cref="CommandCatalog"/> has an entry (CliHelpTests); the examples run on the repository's
/// sample map and customers.
/// </summary>
internal static class CommandHelpCatalog
{
    private const string Map = "strategies/retail-wealth";
    private const string Customers = "samples/customers.jsonl";
    private const string At = "--at 2026-11-26T00:00:00Z";
    private static readonly CommandHelp ImportRulesEngine = new(
        [("decisioning import rulesengine Discount.json --out discount", "Microsoft RulesEngine workflows as discount/map.yaml, one segment per rule")],
        [(0, "every rule was converted"), (1, "some rules could not be converted (each as FILE:LINE:COL on the JSON)"), (2, "the file cannot be read or is not RulesEngine workflow JSON")]);

    private static readonly (int, string) HistoryFailed = (1, "no history given, or the database cannot be opened, read or written");
    private static readonly CommandHelp HistoryImport = new(
        [
            ("decisioning history import --db history.db --decisions decisions.jsonl", "store each decision's actions as offers"),
            ("decisioning history import --db history.db --outcomes outcomes.jsonl", "store responses; identical records are stored once"),
        ],
        [(0, "the records were stored (bad lines are counted and skipped)"), HistoryFailed]);
    private static readonly (int, string) BadArguments = (1, "the map is invalid (its errors are printed), or an argument is (a bad --at, a missing file)");

    // For the commands that read a history (--db, --postgres) while they decide.
    private static readonly (int, string) BadArgumentsOrHistory =
        (1, "the map is invalid (its errors are printed), an argument is (a bad --at, a missing file), or the history failed (unavailable for 5 minutes, or refusing)");

    public static IReadOnlyDictionary<string, CommandHelp> All { get; } = new Dictionary<string, CommandHelp>(StringComparer.Ordinal)
    {
        [""] = new(
            [
                ($"decisioning validate {Map}", "check a map"),
                ($"decisioning evaluate {Map} --customers {Customers} {At} --out decisions.jsonl", "decide every customer"),
                ("decisioning COMMAND --help", "a command's options, examples and exit codes"),
            ],
            [(0, "success"), (1, "invalid input: the command's help says which")]),
        ["validate"] = new(
            [
                ($"decisioning validate {Map}", "every problem as FILE:LINE:COL: error CODE: message"),
                ($"decisioning validate {Map} --format json", "the same as one JSON object, for tools and editors"),
            ],
            [(0, "the map is valid (warnings allowed)"), (1, "the map has at least one error")]),
        ["evaluate"] = new(
            [
                ($"decisioning evaluate {Map} --customers {Customers} {At} --out decisions.jsonl", "one decision line per customer, in input order"),
                ($"head -3 {Customers} | decisioning evaluate {Map} --customers - {At}", "read stdin, write stdout"),
            ],
            [(0, "every line was decided or given its error record (a bad snapshot line never fails the run)"), BadArgumentsOrHistory]),
        ["explain"] = new(
            [
                ($"head -1 {Customers} > c.json && decisioning explain {Map} --customer c.json {At}", "every gate of every strategy, for people"),
                ($"decisioning explain {Map} --customer c.json {At} --format json", "the decision and its gates as JSON"),
            ],
            [(0, "the customer was decided"), (1, "the map, --at or the snapshot is invalid (the snapshot's error record is printed), or the history failed")]),
        ["batch"] = new(
            [
                ($"decisioning batch {Map} --customers {Customers} {At} --out lists", "target lists per strategy and channel under channel capacity"),
                ($"decisioning batch {Map} --customers {Customers} {At} --partition 0/4 --out p0", "one partition of four, for batch-merge"),
            ],
            [(0, "the lists were written"), BadArgumentsOrHistory]),
        ["batch-merge"] = new(
            [("decisioning batch-merge p0 p1 p2 p3 --out lists", "allocate over all partitions: the same lists as one batch")],
            [(0, "the lists were written"), (1, "a partition folder is missing, incomplete or from another run")]),
        ["diff"] = new(
            [
                ($"decisioning diff {Map} new-map --customers {Customers} {At}", "which customers' decisions change, and how"),
                ($"decisioning diff {Map} new-map --customers {Customers} {At} --format json", "the same as JSON"),
            ],
            [(0, "the comparison was made (with or without changes)"), BadArguments]),
        ["report"] = new(
            [
                ("decisioning report --decisions decisions.jsonl --outcomes outcomes.jsonl --out report", "report.json and report.html: model group versus control group"),
                ("decisioning report --db history.db --maps strategies adaptive-states --out report", "with each adaptive model's bins per learned-state version, from the maps and state files"),
            ],
            [(0, "the report was written (bad input lines are counted, not fatal)"), (1, "a bad --window, or a file or a --maps folder cannot be read or written")]),
        ["dashboard"] = new(
            [
                ("decisioning dashboard --decisions decisions.jsonl --outcomes outcomes.jsonl --out board", "dashboard.json and dashboard.html: every strategy per week, the funnel, no-action reasons"),
                ($"decisioning dashboard --decisions decisions.jsonl --outcomes outcomes.jsonl --period 1d --lang zh --map {Map} --out board", "per day, Chinese labels, channel capacity from the map"),
                ("decisioning dashboard --db history.db --out board", "the same board from the interaction history's decisions and responses"),
                ("decisioning dashboard --db history.db --maps strategies adaptive-states --out board", "with each adaptive model's bins per period, from the maps and state files"),
            ],
            [(0, "the board was written (bad input lines are counted, not fatal)"), (1, "a bad --period, --window, --lang or --map, or a file or the history cannot be read or written")]),
        ["history"] = HistoryImport,
        ["history import"] = HistoryImport,
        ["history export"] = new(
            [
                ("decisioning history export --db history.db --out exported", "every record as JSON-lines files, one per kind"),
                ("decisioning history export --postgres \"Host=db;Database=nba\" --out exported", "the same from a fleet's PostgreSQL"),
            ],
            [(0, "the files were written"), HistoryFailed]),
        ["history purge"] = new(
            [("decisioning history purge --db history.db --before 2026-06-01T00:00:00Z", "retention: delete everything decided or recorded before June")],
            [(0, "the old records were deleted (the count is printed)"), HistoryFailed]),
        ["replay"] = new(
            [
                ("decisioning replay --db history.db --maps strategies", "decide every stored decision again with its own map version"),
                ("decisioning replay --decisions decisions.jsonl --snapshots snapshots.jsonl --maps old-maps strategies", "the same from files, map versions looked up by hash"),
            ],
            [(0, "every decision replayed identical"), (1, "a decision replayed different or its map version is missing, or an argument is bad")]),
        ["learn"] = new(
            [
                ($"decisioning learn {Map} --decisions decisions.jsonl --snapshots {Customers} --outcomes outcomes.jsonl {At} --out state.json", "the adaptive models' counts, for the map's state: key"),
                ($"decisioning learn {Map} --db history.db {At} --out state.json", "the same from an interaction history: its contacts, the offers' predictor values, its responses"),
            ],
            [(0, "the state file was written"), (1, "the map is invalid, a file or the history cannot be read or written, the inputs are not files or a history, or a bad --at")]),
        ["learn-merge"] = new(
            [("decisioning learn-merge part1.json part2.json --out state.json", "add states learned over separate partitions")],
            [(0, "the merged state was written"), (1, "a state cannot be read, or the states are of different maps or models")]),
        ["import"] = ImportRulesEngine,
        ["import rulesengine"] = ImportRulesEngine,
    };
}
