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
