using System.Globalization;
using Decisioning.Benchmarks.Inputs;
using Decisioning.Evaluation;

namespace Decisioning.Benchmarks.Quick;

/// <summary>
/// <c>--scaling</c>: <c>DecideInto</c> on the sample map and on generated maps of 25, 100 and 1,000
/// strategies, with a stopwatch (the best of five rounds), as microseconds per decision and
/// nanoseconds per strategy. It uses only the evaluator's public surface, so the same file builds
/// against an older commit: that is how benchmarks/README.md compares a change with its baseline
/// in one sitting (the steps are written there).
/// </summary>
public static class ScalingRun
{
    public static int Run(TextWriter output)
    {
        var sample = Samples.Load(Samples.MapPath);
        Report(output, "sample", sample);
        foreach (var n in new[] { 25, 100, 1000 })
        {
            Report(output, n.ToString(CultureInfo.InvariantCulture), GeneratedMap.Load(n));
        }

        return 0;
    }

    private static void Report(TextWriter output, string name, Plan.DecisionPlan plan)
    {
        var reader = new SnapshotReader(plan);
        var customers = File.ReadLines(Samples.CustomersPath).Take(Samples.Count).Select(l => reader.Read(l).Customer!).ToArray();
        var evaluator = new Evaluator(plan);
        var buffer = new DecisionBuffer(plan);
        var next = 0;
        object Decide()
        {
            next = (next + 1) % customers.Length;
            evaluator.DecideInto(customers[next], Samples.At, buffer);
            return buffer;
        }

        var best = QuickRun.Time(Decide, seconds: 5);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-8} strategies {plan.Strategies.Count,5}: DecideInto {best.Microseconds,8:F3} us/decision, {1000 * best.Microseconds / plan.Strategies.Count,6:F1} ns/strategy, {best.Bytes,6:F0} B/decision"));
    }
}
