using Decisioning.Diagnostics;
using System.CommandLine;
using System.Globalization;
using Decisioning.Cli.Infrastructure;
using Decisioning.Diffing;
using Decisioning.Streaming;
using Spectre.Console;

namespace Decisioning.Cli.Commands;

/// <summary>
/// <c>decisioning diff OLD NEW --customers FILE [--at ISO] [--format text|json]</c>: which
/// customers' decisions change between two map versions and how, and a summary of the moves.
/// <c>diff --decisions OLD.jsonl NEW.jsonl</c> compares decisions already made, line by line, and
/// <c>diff --decisions SHADOW-LOG.jsonl</c> each line's served actions with its shadow's.
/// Exit 0; 1 when a map is invalid or the decision files do not pair up.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var oldMap = new Argument<string?>("OLD") { Description = "The map as it is (file or folder)", Arity = ArgumentArity.ZeroOrOne };
        var newMap = new Argument<string?>("NEW") { Description = "The map as it would be", Arity = ArgumentArity.ZeroOrOne };
        var customers = new Option<string?>("--customers") { Description = "Snapshots, one JSON object a line; - reads stdin (with OLD and NEW)" };
        var at = new Option<string?>("--at") { Description = "Decision time, ISO-8601 (default: now, UTC)" };
        var decisions = new Option<string[]>("--decisions")
        {
            Description = "Compare decision files instead of maps: OLD.jsonl NEW.jsonl line by line, or one shadow log (served vs shadow)",
            Arity = new ArgumentArity(1, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var format = new Option<string>("--format") { Description = "text (default) or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("diff", "Show which customers' decisions change between two map versions, or two decision files")
        {
            oldMap, newMap, customers, at, decisions, format,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(decisions) is { Length: > 0 } files)
            {
                if (parse.GetValue(oldMap) is not null || parse.GetValue(customers) is not null)
                {
                    context.Error.WriteLine("error: diff takes either OLD NEW --customers FILE, or --decisions FILE [FILE], not both");
                    return 1;
                }

                return DiffDecisions(files, parse.GetValue(format) == "json", context);
            }

            if (parse.GetValue(oldMap) is null || parse.GetValue(newMap) is null || parse.GetValue(customers) is null)
            {
                context.Error.WriteLine("error: diff needs OLD NEW --customers FILE (two maps), or --decisions FILE [FILE] (decision files)");
                return 1;
            }

            var old = CliIo.LoadMap(parse.GetValue(oldMap)!, context);
            var @new = CliIo.LoadMap(parse.GetValue(newMap)!, context);
            if (!old.Success || !@new.Success || !CliIo.TryParseAt(parse.GetValue(at), TimeProvider.System, out var when, context))
            {
                return 1;
            }

            using var input = CliIo.OpenInputStream(parse.GetValue(customers)!);
            var diff = new MapDiff(old.Plan!, @new.Plan!);
            if (parse.GetValue(format) == "json")
            {
                using var sink = context.Out == Console.Out ? Console.OpenStandardOutput() : new WriterStream(context.Out);
                using var json = new DiffJsonWriter(sink, old.Plan!, @new.Plan!, when);
                WriteJson(sink, json, () => diff.Run(OrderedParallel.Lines(input), when, json.Write));
                return 0;
            }

            var summary = diff.Run(OrderedParallel.Lines(input), when, d => context.Out.WriteLine(Describe(d)));
            Render(context.Out, summary);
            return 0;
        });
        return command;
    }

    // The document's changes as the run finds them, then its summary; a run that fails part-way
    // (exit 1, its error on stderr) still leaves one whole document on stdout, ending with "error".
    private static void WriteJson(Stream sink, DiffJsonWriter json, Func<DiffSummary> run)
    {
        try
        {
            json.Finish(run());
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            json.Abandon(e.Message);
            sink.WriteByte((byte)'\n');
            throw;
        }

        sink.WriteByte((byte)'\n');
    }

    // Decisions already made: two files line by line, or one shadow log.
    private static int DiffDecisions(string[] files, bool json, CliContext context)
    {
        foreach (var file in files.Where(f => !File.Exists(f)))
        {
            context.Error.WriteLine($"error: the decision file '{file}' does not exist");
            return 1;
        }

        IEnumerable<string> Lines(int i) => CliIo.Lines(files[i]);
        var shadowLog = files.Length == 1;
        var diff = new DecisionLogDiff();
        Func<Action<CustomerDiff>, DiffSummary> run = shadowLog
            ? changed => diff.RunShadowLog(Lines(0), changed)
            : changed => diff.RunFiles(Lines(0), Lines(1), changed);
        try
        {
            if (json)
            {
                var (old, @new, when) = DecisionLogDiff.Header(Lines(0), shadowLog ? null : Lines(1));
                using var sink = context.Out == Console.Out ? Console.OpenStandardOutput() : new WriterStream(context.Out);
                using var writer = new DiffJsonWriter(sink, old, @new, when);
                WriteJson(sink, writer, () => run(writer.Write));
            }
            else
            {
                Render(context.Out, run(d => context.Out.WriteLine(Describe(d))));
            }
        }
        catch (InvalidDataException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return 1;
        }

        if (diff.BadLines > 0)
        {
            context.Error.WriteLine(CliIo.Invariant($"warning: {diff.BadLines} lines were not decision lines{(shadowLog ? " with a shadow field" : "")} and were skipped"));
        }

        return 0;
    }

    /// <summary>One line per changed customer: <c>C00017 (line 17): rank 1: a -> b; c: rank 2 -> 1</c>.</summary>
    internal static string Describe(CustomerDiff diff) =>
        $"{diff.CustomerId ?? "(no id)"} (line {diff.Line + 1}): " + string.Join("; ", diff.Changes.Select(Describe));

    private static string Describe(ActionChange c) => c.Kind switch
    {
        ChangeKind.Added => $"+ {c.New!.Strategy} (rank {c.New.Rank}, {c.New.Product} @ {c.New.Channel})",
        ChangeKind.Removed => $"- {c.Old!.Strategy} (rank {c.Old.Rank}, {c.Old.Product} @ {c.Old.Channel})",
        ChangeKind.Strategy => $"rank {c.Old!.Rank}: {c.Old.Strategy} -> {c.New!.Strategy} ({c.Old.Product} @ {c.Old.Channel} -> {c.New.Product} @ {c.New.Channel})",
        ChangeKind.Rank => $"{c.Old!.Strategy}: rank {c.Old.Rank} -> {c.New!.Rank}",
        ChangeKind.Product => $"{c.Old!.Strategy}: product {c.Old.Product} -> {c.New!.Product}",
        ChangeKind.Channel => $"{c.Old!.Strategy}: channel {c.Old.Channel} -> {c.New!.Channel}",
        ChangeKind.Script => $"{c.Old!.Strategy}: script on {c.Old.Channel} reworded",
        ChangeKind.Group => $"group {c.From ?? "(none)"} -> {c.To ?? "(none)"}",
        _ => $"snapshot {c.From ?? "valid"} -> {c.To ?? "valid"}",
    };

    private static void Render(TextWriter output, DiffSummary summary)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Changed:N0} of {Wording.Count(summary.Customers, "customer")} {(summary.Changed == 1 ? "changes" : "change")}; invalid snapshots: {summary.OldErrors:N0} old, {summary.NewErrors:N0} new"));
        var console = ConsoleViews.For(output);
        var kinds = new Table().Border(TableBorder.Simple).AddColumn("change").AddColumn(new TableColumn("count").RightAligned());
        foreach (var kind in Enum.GetValues<ChangeKind>().Where(k => summary.Count(k) > 0))
        {
            kinds.AddRow(ActionChange.Name(kind), Number(summary.Count(kind)));
        }

        var moves = new Table().Border(TableBorder.Simple).Title("moves").AddColumn("from").AddColumn("to").AddColumn(new TableColumn("count").RightAligned());
        foreach (var (from, to, count) in summary.Moves)
        {
            moves.AddRow(Markup.Escape(from.ToString()), Markup.Escape(to.ToString()), Number(count));
        }

        console.Write(kinds);
        console.Write(moves);
        console.Write(Counts("channel", summary.Channels));
        console.Write(Counts("strategy", summary.Strategies));
    }

    private static Table Counts(string key, IReadOnlyList<(string Id, long Old, long New)> rows)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn(key).AddColumn(new TableColumn("old").RightAligned())
            .AddColumn(new TableColumn("new").RightAligned()).AddColumn(new TableColumn("change").RightAligned());
        foreach (var (id, old, @new) in rows)
        {
            table.AddRow(Markup.Escape(id), Number(old), Number(@new), (@new - old).ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture));
        }

        return table;
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
