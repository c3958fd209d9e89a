using System.Globalization;
using Decisioning.Benchmarks.Inputs;
using Decisioning.Evaluation;
using Decisioning.Snapshots;

namespace Decisioning.Benchmarks.Quick;

/// <summary>
/// <c>--scaling</c>: <c>DecideInto</c> on the sample map and on generated maps of 25, 100 and 1,000
/// strategies, with a stopwatch (the best of five rounds), as microseconds per decision and
/// nanoseconds per strategy. It uses only the evaluator's public surface, so the same file builds
/// against an older commit: that is how benchmarks/README.md compares a change with its baseline
/// in one sitting (the steps are written there). <c>--map DIR --customers FILE</c> decides another
/// map and its customers in place of the sample's (the generated maps keep the sample customers),
/// so that two commits can be timed on the same inputs, for example the map of the older commit.
/// </summary>
public static class ScalingRun
{
    /// <param name="output">Where the lines go.</param>
    /// <param name="threadCpu">Time by the thread's CPU time (<see cref="ThreadCpuClock"/>) rather than the wall clock.</param>
    /// <param name="mapPath">The map of the first row; null for the sample map.</param>
    /// <param name="customersPath">That map's customers; null for the sample customers.</param>
    public static int Run(TextWriter output, bool threadCpu = false, string? mapPath = null, string? customersPath = null)
    {
        var sample = Samples.Load(mapPath ?? Samples.MapPath);
        Report(output, mapPath is null ? "sample" : "map", sample, threadCpu, customersPath ?? Samples.CustomersPath);
        foreach (var n in new[] { 25, 100, 1000 })
        {
            Report(output, n.ToString(CultureInfo.InvariantCulture), GeneratedMap.Load(n), threadCpu, Samples.CustomersPath);
        }

        return 0;
    }

    private static void Report(TextWriter output, string name, Plan.DecisionPlan plan, bool threadCpu, string customersPath)
    {
        var reader = new SnapshotReader(plan);
        var customers = File.ReadLines(customersPath).Take(Samples.Count).Select(l => reader.Read(l).Customer!).ToArray();
        var evaluator = new Evaluator(plan);
        var buffer = new DecisionBuffer(plan);
        var next = 0;
        object Decide()
        {
            next = (next + 1) % customers.Length;
            evaluator.DecideInto(customers[next], Samples.At, buffer);
            return buffer;
        }

        var best = threadCpu ? (Microseconds: ThreadCpuClock.BestNanoseconds(Decide) / 1000, Bytes: double.NaN) : QuickRun.Time(Decide, seconds: 5);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-8} strategies {plan.Strategies.Count,5}: DecideInto {best.Microseconds,8:F3} us/decision{(threadCpu ? " (thread CPU)" : "")}, {1000 * best.Microseconds / plan.Strategies.Count,6:F1} ns/strategy, {best.Bytes,6:F0} B/decision"));
    }
}
