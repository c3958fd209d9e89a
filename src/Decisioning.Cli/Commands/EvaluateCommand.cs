using System.Buffers;
using System.Collections.Concurrent;
using System.CommandLine;
using Decisioning.Cli.Infrastructure;
using Decisioning.Evaluation;
using Decisioning.History;
using Decisioning.Streaming;
using Decisioning.Serialization;
using Decisioning.Recording;

namespace Decisioning.Cli.Commands;

/// <summary>
/// <c>decisioning evaluate MAP --customers FILE.jsonl [--at ISO] [--out FILE] [--shadow MAP2]</c>:
/// one decision line per input line, in order, streamed in constant memory on every core; with a
/// shadow map, each decision line also carries what the shadow decided (<c>shadow</c>).
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var map = new Argument<string>("MAP") { Description = "A map file, or a folder of YAML files" };
        var customers = new Option<string>("--customers") { Description = "Snapshots, one JSON object a line; - reads stdin", Required = true };
        var at = new Option<string?>("--at") { Description = "Decision time, ISO-8601 (default: now, UTC)" };
        var output = new Option<string?>("--out") { Description = "Output file (default: stdout)" };
        var shadow = new Option<string?>("--shadow") { Description = "A challenger map: each decision line gains its actions as \"shadow\"" };
        var store = new HistoryStoreOption();
        var keep = new Option<bool>("--keep-snapshots") { Description = "With a history: store each snapshot as decided, for replay" };
        var offersAreContacts = new Option<bool>("--offers-are-contacts") { Description = "With a history: each action is delivered, store it as a contact too" };
        var command = store.AddTo(new Command("evaluate", "Decide every customer of a JSON-lines file") { map, customers, at, output, shadow, keep, offersAreContacts });
        command.SetAction(parse =>
        {
            var loaded = CliIo.LoadMap(parse.GetValue(map)!, context);
            var shadowPath = parse.GetValue(shadow);
            var shadowLoaded = shadowPath is null ? null : CliIo.LoadMap(shadowPath, context);
            if (!loaded.Success || shadowLoaded is { Success: false } ||
                !CliIo.TryParseAt(parse.GetValue(at), TimeProvider.System, out var when, context))
            {
                return 1;
            }

            // With a history: each customer's past records join the snapshot, and every decision is stored.
            using var history = store.Open(parse, context, required: false);
            if (history is null && store.Given(parse))
            {
                return 1;
            }

            var recorder = history is null ? null : new HistoryRecorder(history, new HistoryOptions
            {
                KeepSnapshots = parse.GetValue(keep),
                OffersAreContacts = parse.GetValue(offersAreContacts),
            }, new StderrLogger(context.Error));
            var outPath = parse.GetValue(output);
            using var input = CliIo.OpenInputStream(parse.GetValue(customers)!);
            using var sink = outPath is not null ? CliIo.CreateFile(outPath)
                : context.Out == Console.Out ? Console.OpenStandardOutput()
                : new WriterStream(context.Out);
            // The summary goes to stderr at the end: stdout holds nothing but decision lines.
            var tally = new DecisionTally(loaded.Plan!);
            if (shadowLoaded is null)
            {
                Run(new LineDecider(loaded.Plan!, observer: recorder) { Tally = tally }.Decide, input, sink, when);
            }
            else
            {
                // The shadow decides on the history the served decision read; its offers are stored
                // with role shadow and never become contacts.
                var both = recorder is null ? null : new ShadowHistory(recorder, shadowLoaded.Plan!);
                var withShadow = new ShadowLineDecider(new LineDecider(loaded.Plan!, observer: both?.Served) { Tally = tally },
                    new LineDecider(shadowLoaded.Plan!, observer: both?.Shadow));
                Run(withShadow.Decide, input, sink, when);
            }

            TallySummary.Print(context.Error, tally);
            if (recorder is not null)
            {
                recorder.StopAsync().GetAwaiter().GetResult();
                var counts = recorder.Counts;
                context.Error.WriteLine(CliIo.Invariant($"history: {counts.Written:N0} decisions recorded, {counts.Failed:N0} failed"));
                return counts.Failed == 0 ? 0 : 1;
            }

            return 0;
        });
        return command;
    }

    /// <summary>Decides one line (its UTF-8 bytes) at <paramref name="at"/> into <paramref name="output"/>.</summary>
    public delegate bool LineDecide(ReadOnlySpan<byte> line, DateTimeOffset at, IBufferWriter<byte> output);

    /// <summary>Decides every line of <paramref name="input"/> with <paramref name="decide"/> and writes the lines in order.</summary>
    public static void Run(LineDecide decide, Stream input, Stream output, DateTimeOffset at)
    {
        // Lines stay UTF-8 from the file to the snapshot reader, copied end to end into batches
        // that are reused. A batch's output (about a megabyte) lives on the large-object heap;
        // allocating one per batch made the stream spend its time in gen-2 collections
        // (benchmarks/README.md), so the few buffers in flight are reused once written.
        var batches = new LineBatch.Pool();
        var buffers = new ConcurrentBag<ArrayBufferWriter<byte>>();
        OrderedParallel.RunBatchesAsync(
            LineBatch.Read(input, batches),
            batch =>
            {
                var buffer = buffers.TryTake(out var reused) ? reused : new ArrayBufferWriter<byte>(batch.Count * 4096);
                for (var i = 0; i < batch.Count; i++)
                {
                    decide(batch.Text(i), at, buffer);
                    buffer.Write("\n"u8);
                }

                batches.Return(batch);
                return buffer;
            },
            buffer =>
            {
                output.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
                buffers.Add(buffer);
            }).GetAwaiter().GetResult();
        output.Flush();
    }
}
