using System.Diagnostics;
using Decisioning.Benchmarks.Inputs;

namespace Decisioning.Benchmarks.Quick;

/// <summary>
/// <c>--stream [LINES] [--rounds N]</c>: <c>evaluate</c> in this process against the JSON floor over
/// the same file (100,000 lines unless told), alternating, each round timed by the wall clock and by
/// the process's CPU time. The floor runs on one thread; <c>evaluate</c> on every core, as the
/// command line does: the CPU figures show what each costs whatever the machine's load.
/// </summary>
public static class StreamRun
{
    public static int Run(string[] args, TextWriter output)
    {
        var at = Array.IndexOf(args, "--stream");
        var lines = at + 1 < args.Length && int.TryParse(args[at + 1], out var n) ? n : 100_000;
        var roundsAt = Array.IndexOf(args, "--rounds");
        var rounds = roundsAt >= 0 && roundsAt + 1 < args.Length && int.TryParse(args[roundsAt + 1], out var r) ? r : 5;

        var input = StreamFiles.Ensure(lines);
        var scratch = Path.Combine(Path.GetTempPath(), $"decisioning-bench-out-{Environment.ProcessId}.jsonl");
        // Warm-up: JIT and tiering of both, twice.
        for (var i = 0; i < 2; i++)
        {
            StreamFiles.JsonFloor(input, scratch);
            StreamFiles.Evaluate(input, scratch);
        }

        var floor = new List<(double Wall, double Cpu, double Bytes)>();
        var evaluate = new List<(double Wall, double Cpu, double Bytes)>();
        for (var round = 0; round < rounds; round++)
        {
            floor.Add(Measure(() => StreamFiles.JsonFloor(input, scratch)));
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
            var jitTime = System.Runtime.JitInfo.GetCompilationTime();
            evaluate.Add(Measure(() => StreamFiles.Evaluate(input, scratch)));
            var (f, e) = (floor[^1], evaluate[^1]);
            output.WriteLine(FormattableString.Invariant(
                $"round {round + 1}: floor {f.Wall:F3} s wall {f.Cpu:F3} s cpu, evaluate {e.Wall:F3} s wall {e.Cpu:F3} s cpu, wall ratio {100 * f.Wall / e.Wall:F0}% (evaluate JIT-compiled {System.Runtime.JitInfo.GetCompiledMethodCount() - jitted} methods in {(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:F0} ms)"));
        }

        File.Delete(scratch);
        var (fw, fc, fb) = Best(floor);
        var (ew, ec, eb) = Best(evaluate);
        output.WriteLine(FormattableString.Invariant(
            $"floor (1 thread):                  best {fw:F3} s wall, {fc:F3} s cpu, {fb / lines:F0} B/line"));
        output.WriteLine(FormattableString.Invariant(
            $"evaluate ({Environment.ProcessorCount} cores, in process):    best {ew:F3} s wall, {ec:F3} s cpu, {eb / lines:F0} B/line"));
        output.WriteLine(FormattableString.Invariant(
            $"lines={lines} rounds={rounds} vs-json-floor={100 * fw / ew:F0}% cpu-vs-json-floor={100 * fc / ec:F0}% median-vs-json-floor={100 * Median(floor, x => x.Wall) / Median(evaluate, x => x.Wall):F0}%"));
        return 0;
    }

    /// <summary>
    /// <c>--stream-parts</c>: one thread, the sample customers' lines, what each step of a line costs
    /// in thread CPU time and bytes: the snapshot read, the decision, the line written.
    /// </summary>
    public static int Parts(TextWriter output)
    {
        var plan = Samples.Load(Samples.MapPath);
        var lines = File.ReadAllLines(Samples.CustomersPath).Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
        var at = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
        var reader = new Snapshots.SnapshotReader(plan);
        var evaluator = new Evaluation.Evaluator(plan);
        var buffer = new Evaluation.DecisionBuffer(plan);
        var customers = lines.Select(l => reader.Read(l).Customer!).ToArray();
        var sink = new System.Buffers.ArrayBufferWriter<byte>(1 << 20);
        var writer = new System.Text.Json.Utf8JsonWriter(sink, Serialization.DecisionJson.WriterOptions);
        var decider = new Serialization.LineDecider(plan);
        var i = 0;
        Part(output, "read (SnapshotReader.Read)", () => reader.Read(lines[i++ % lines.Length]));
        Part(output, "decide (DecideInto)", () =>
        {
            evaluator.DecideInto(customers[i++ % customers.Length], at, buffer);
            return buffer;
        });
        Part(output, "write (DecisionJson.Write)", () =>
        {
            evaluator.DecideInto(customers[i++ % customers.Length], at, buffer);
            sink.ResetWrittenCount();
            writer.Reset(sink);
            Serialization.DecisionJson.Write(writer, buffer);
            writer.Flush();
            return sink;
        }, minus: "decide (DecideInto)");
        Part(output, "line (LineDecider.Decide)", () =>
        {
            sink.ResetWrittenCount();
            return decider.Decide(lines[i++ % lines.Length], at, sink);
        });
        return 0;
    }

    private static readonly Dictionary<string, (double Nanoseconds, double Bytes)> PartCosts = [];

    private static void Part(TextWriter output, string name, Func<object> work, string? minus = null)
    {
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var calls = 0;
        var nanoseconds = ThreadCpuClock.BestNanoseconds(() =>
        {
            calls++;
            return work();
        }, rounds: 20);
        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        var cost = (nanoseconds, (double)bytes / calls);
        PartCosts[name] = cost;
        if (minus is not null)
        {
            var (n, b) = PartCosts[minus];
            cost = (cost.nanoseconds - n, cost.Item2 - b);
        }

        output.WriteLine(FormattableString.Invariant($"{name,-28} {cost.nanoseconds / 1000,8:F3} us/line (thread CPU) {cost.Item2,8:F0} B/line"));
    }

    private static (double Wall, double Cpu, double Bytes) Measure(Action work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        work();
        watch.Stop();
        process.Refresh();
        return (watch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - bytes);
    }

    private static (double Wall, double Cpu, double Bytes) Best(List<(double Wall, double Cpu, double Bytes)> runs) =>
        (runs.Min(x => x.Wall), runs.Min(x => x.Cpu), runs.Min(x => x.Bytes));

    private static double Median<T>(List<T> runs, Func<T, double> pick)
    {
        var sorted = runs.Select(pick).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
