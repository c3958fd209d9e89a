using System.CommandLine;
using System.Globalization;
using Decisioning.Cli.Infrastructure;
using Decisioning.Serialization;

namespace Decisioning.Cli.Commands;

/// <summary>
/// <c>decisioning history import|export|purge</c>: JSON-lines files into and out of an
/// interaction history (SQLite with <c>--db</c>, PostgreSQL with <c>--postgres</c>), and retention.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(CliContext context) => new("history", "Import into, export from and purge an interaction history")
    {
        Import(context),
        Export(context),
        Purge(context),
    };

    private static Command Import(CliContext context)
    {
        var store = new HistoryStoreOption();
        var decisions = new Option<string?>("--decisions") { Description = "Decision lines (from evaluate); each action is stored as an offer" };
        var contacts = new Option<string?>("--contacts") { Description = "Contact lines: a snapshot's contact with its customerId" };
        var outcomes = new Option<string?>("--outcomes") { Description = "Outcome lines, stored as responses" };
        var offersAreContacts = new Option<bool>("--offers-are-contacts") { Description = "With --decisions: each action was delivered, store it as a contact too" };
        var command = store.AddTo(new Command("import", "Store a file of decisions, contacts or outcomes (identical records are stored once)")
        {
            decisions, contacts, outcomes, offersAreContacts,
        });
        command.SetAction(parse =>
        {
            var files = new[] { (parse.GetValue(decisions), HistoryFile.Decisions), (parse.GetValue(contacts), HistoryFile.Contacts), (parse.GetValue(outcomes), HistoryFile.Outcomes) }
                .Where(f => f.Item1 is not null).ToList();
            if (files.Count != 1)
            {
                context.Error.WriteLine("error: give exactly one of --decisions, --contacts and --outcomes");
                return 1;
            }

            using var history = store.Open(parse, context);
            if (history is null)
            {
                return 1;
            }

            var (path, kind) = files[0];
            try
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                var result = HistoryTransfer.Import(history, CliIo.Lines(path!), kind, parse.GetValue(offersAreContacts));
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"imported {result.Records:N0} {kind.ToString().ToLowerInvariant()} from {path} in {started.Elapsed.TotalSeconds:F1} s; {result.BadLines:N0} bad lines skipped"));
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Export(CliContext context)
    {
        var store = new HistoryStoreOption();
        var output = new Option<string>("--out") { Description = "Folder for decisions.jsonl, contacts.jsonl, outcomes.jsonl, snapshots.jsonl, offers.jsonl and maps.jsonl", Required = true };
        var command = store.AddTo(new Command("export", "Write a history out as JSON-lines files") { output });
        command.SetAction(parse =>
        {
            using var history = store.Open(parse, context);
            if (history is null)
            {
                return 1;
            }

            var folder = parse.GetValue(output)!;
            try
            {
                Directory.CreateDirectory(folder);
                long Write(string name, Func<TextWriter, long> write)
                {
                    using var writer = new StreamWriter(Path.Combine(folder, name), false, CliIo.Utf8, 1 << 16);
                    return write(writer);
                }

                var counts = new[]
                {
                    ("decisions", Write("decisions.jsonl", w => HistoryTransfer.ExportDecisions(history, w))),
                    ("contacts", Write("contacts.jsonl", w => HistoryTransfer.ExportContacts(history, w))),
                    ("outcomes", Write("outcomes.jsonl", w => HistoryTransfer.ExportOutcomes(history, w))),
                    ("snapshots", Write("snapshots.jsonl", w => HistoryTransfer.ExportSnapshots(history, w))),
                    ("offers", Write("offers.jsonl", w => HistoryTransfer.ExportOffers(history, w))),
                    ("map versions", Write("maps.jsonl", w => HistoryTransfer.ExportMapVersions(history, w))),
                };
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {string.Join(", ", counts.Select(c => $"{c.Item2:N0} {c.Item1}"))} to {folder}"));
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Purge(CliContext context)
    {
        var store = new HistoryStoreOption();
        var before = new Option<string>("--before") { Description = "Delete every decision, offer, contact and response before this ISO-8601 time", Required = true };
        var command = store.AddTo(new Command("purge", "Retention: delete the records older than a time") { before });
        command.SetAction(parse =>
        {
            if (!CliIo.TryParseAt(parse.GetValue(before), TimeProvider.System, out var cutoff, context, "--before"))
            {
                return 1;
            }

            using var history = store.Open(parse, context);
            if (history is null)
            {
                return 1;
            }

            var removed = history.Purge(cutoff);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"deleted {removed:N0} records before {HistoryLines.Iso(cutoff)}"));
            return 0;
        });
        return command;
    }
}
