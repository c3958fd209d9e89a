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

    private static readonly (int, string) BadArguments = (1, "the map is invalid (its errors are printed), or an argument is (a bad --at, a missing file)");

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
            [(0, "every line was decided or given its error record (a bad snapshot line never fails the run)"), BadArguments]),
        ["explain"] = new(
            [
                ($"head -1 {Customers} > c.json && decisioning explain {Map} --customer c.json {At}", "every gate of every strategy, for people"),
                ($"decisioning explain {Map} --customer c.json {At} --format json", "the decision and its gates as JSON"),
            ],
            [(0, "the customer was decided"), (1, "the map, --at or the snapshot is invalid (the snapshot's error record is printed)")]),
        ["batch"] = new(
            [
                ($"decisioning batch {Map} --customers {Customers} {At} --out lists", "target lists per strategy and channel under channel capacity"),
                ($"decisioning batch {Map} --customers {Customers} {At} --partition 0/4 --out p0", "one partition of four, for batch-merge"),
            ],
            [(0, "the lists were written"), BadArguments]),
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
            [("decisioning report --decisions decisions.jsonl --outcomes outcomes.jsonl --out report", "report.json and report.html: model group versus control group")],
            [(0, "the report was written (bad input lines are counted, not fatal)"), (1, "a bad --window, or a file cannot be read or written")]),
        ["dashboard"] = new(
            [
                ("decisioning dashboard --decisions decisions.jsonl --outcomes outcomes.jsonl --out board", "dashboard.json and dashboard.html: every strategy per week, the funnel, no-action reasons"),
                ($"decisioning dashboard --decisions decisions.jsonl --outcomes outcomes.jsonl --period 1d --lang zh --map {Map} --out board", "per day, Chinese labels, channel capacity from the map"),
            ],
            [(0, "the board was written (bad input lines are counted, not fatal)"), (1, "a bad --period, --window, --lang or --map, or a file cannot be read or written")]),
        ["import"] = ImportRulesEngine,
        ["import rulesengine"] = ImportRulesEngine,
    };
}
