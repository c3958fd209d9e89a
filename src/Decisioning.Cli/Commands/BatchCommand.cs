using Decisioning.Diagnostics;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Decisioning.Batch;
using Decisioning.Evaluation;
using Decisioning.Cli.Infrastructure;
using Decisioning.Streaming;
using Spectre.Console;
using Decisioning.Recording;

namespace Decisioning.Cli.Commands;

/// <summary>
/// <c>decisioning batch MAP --customers FILE --out DIR [--at ISO] [--partition I/N]</c>: the day's
/// target lists (名单) per strategy and channel under channel capacity (spec section 7); with
/// <c>--partition</c>, one partition's candidates for <c>batch-merge</c>. Progress goes to stderr.
/// </summary>
internal static class BatchCommand
{
    public static Command Create(CliContext context)
    {
        var map = new Argument<string>("MAP") { Description = "A map file, or a folder of YAML files" };
        var customers = new Option<string>("--customers") { Description = "Snapshots, one JSON object a line; - reads stdin", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder (created when missing)", Required = true };
        var at = new Option<string?>("--at") { Description = "Decision time, ISO-8601 (default: now, UTC)" };
        var partition = new Option<string?>("--partition") { Description = "I/N: only the customers whose id hashes to I of N; writes candidates for batch-merge" };
        var store = new HistoryStoreOption();
        var command = store.AddTo(new Command("batch", "Write target lists per strategy and channel, honouring channel capacity") { map, customers, output, at, partition });
        command.SetAction(parse =>
        {
            var loaded = CliIo.LoadMap(parse.GetValue(map)!, context);
            if (!loaded.Success || !CliIo.TryParseAt(parse.GetValue(at), TimeProvider.System, out var when, context))
            {
                return 1;
            }

            var split = PartitionSpec.Whole;
            if (parse.GetValue(partition) is { } text && !PartitionSpec.TryParse(text, out split))
            {
                context.Error.WriteLine($"error: --partition '{text}' must be I/N with 0 <= I < N");
                return 1;
            }

            // With a history: each customer's past contacts and responses join the snapshot (read only).
            using var history = store.Open(parse, context, required: false);
            if (history is null && store.Given(parse))
            {
                return 1;
            }

            var path = parse.GetValue(customers)!;
            var folder = parse.GetValue(output)!;
            try
            {
                using var interrupt = InterruptCleanup.Register();
                using var input = CliIo.OpenInputStream(path);
                long? size = path == "-" ? null : new FileInfo(path).Length;
                var lines = OrderedParallel.Lines(input);
                var tally = new DecisionTally(loaded.Plan!);
                var options = new BatchOptions { Tally = tally, Customers = history is null ? null : new HistoryReader(history, HistoryStoreOption.RetryUnavailableFor, new StderrLogger(context.Error)) };
                if (parse.GetValue(partition) is null)
                {
                    var summary = ProgressView.Run(context, phase => BatchRunner.Run(loaded.Plan!, lines, when, folder, options, new Observer(phase, size)));
                    PrintSummary(context.Out, summary, folder);
                }
                else
                {
                    var manifest = ProgressView.Run(context, phase => PartitionWriter.Write(loaded.Plan!, lines, when, split, folder, options, new Observer(phase, size)));
                    context.Out.WriteLine(
                        $"partition {manifest.Partition} of {Wording.Count(manifest.Lines, "line")}: {Wording.Count(manifest.Customers, "customer")}, {Wording.Count(manifest.Errors, "error")}, candidates in {folder}");
                }

                // Decisions before allocation, on stderr beside the progress: what the map returned.
                TallySummary.Print(context.Error, tally);
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>
    /// Shows a batch's stages as progress phases: deciding as the input's bytes decided against its
    /// length (which gives the ETA), with customers and customers/s; the later stages by count.
    /// </summary>
    internal sealed class Observer(Func<string, IProgressPhase> phases, long? size) : IBatchObserver
    {
        private readonly Dictionary<string, (IProgressPhase Phase, Stopwatch Clock)> _stages = [];

        public void Deciding(BatchProgress p)
        {
            var (phase, clock) = Get("deciding");
            var detail = ProgressView.Rate(p.Customers, "customers", clock) + ", " + Wording.Count(p.Errors, "error");
            phase.Report(p.Bytes, size, detail);
        }

        public void Stage(string stage, long done, long? total)
        {
            var (phase, clock) = Get(stage);
            phase.Report(done, total, ProgressView.Rate(done, stage == "writing" ? "decisions" : stage == "listing" ? "rows" : "candidates", clock));
        }

        private (IProgressPhase, Stopwatch) Get(string stage)
        {
            lock (_stages)
            {
                if (!_stages.TryGetValue(stage, out var entry))
                {
                    _stages[stage] = entry = (phases(stage), Stopwatch.StartNew());
                }

                return entry;
            }
        }
    }

    internal static void PrintSummary(TextWriter output, BatchSummary summary, string folder)
    {
        output.WriteLine(
            $"{Wording.Count(summary.Customers, "customer")}, {Wording.Count(summary.Errors, "error")}: {Wording.Count(summary.Allocated, "action")} allocated, {summary.Dropped.ToString("N0", CultureInfo.InvariantCulture)} dropped for capacity; lists in {folder}");
        var table = new Table().Border(TableBorder.Simple).AddColumn("channel").AddColumn(new TableColumn("capacity").RightAligned())
            .AddColumn(new TableColumn("allocated").RightAligned()).AddColumn(new TableColumn("by fallback").RightAligned())
            .AddColumn(new TableColumn("dropped here").RightAligned());
        foreach (var channel in summary.Channels)
        {
            table.AddRow(
                Markup.Escape(channel.Id),
                channel.Capacity is { } capacity ? Number(capacity) : "unlimited",
                Number(summary.AllocatedOn(channel.Id)),
                Number(summary.FallbacksTo(channel.Id)),
                Number(summary.DroppedOn(channel.Id)));
        }

        ConsoleViews.For(output).Write(table);
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
