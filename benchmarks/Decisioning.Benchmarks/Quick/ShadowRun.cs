using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Decisioning.Benchmarks.Inputs;
using Decisioning.Hosting;
using Decisioning.Snapshots;
using Decisioning.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Decisioning.Benchmarks.Quick;

/// <summary>
/// <c>--shadow</c>: where a shadow map's cost on the served path comes from. The served path of
/// <c>ShadowBenchmarks</c> (the sample map, the same map as its shadow, 1,024 parsed snapshots
/// cycled) without a shadow and with one at several queue capacities, in turn, several rounds; for
/// each: wall clock and the calling thread's CPU time per decision, and per 100,000 decisions the
/// collections of each generation, the bytes a collection promoted and the time the runtime was
/// paused. Collections and promoted bytes depend on the code, not on the machine's load, so they
/// explain the time figures on a shared machine.
/// </summary>
public static class ShadowRun
{
    private const string MapId = "retail-wealth";
    private const int Decisions = 200_000;

    /// <param name="output">Where the lines go.</param>
    /// <param name="rounds">How many times each configuration runs, in turn.</param>
    /// <param name="only">Runs only the configurations whose name contains this text (for a profiler); null for all.</param>
    public static int Run(TextWriter output, int rounds = 3, string? only = null)
    {
        var snapshots = File.ReadLines(Samples.CustomersPath).Take(Samples.Count).Select(CustomerSnapshot.FromJson).ToArray();
        (string Name, Action<DecisioningBuilder> Configure)[] configurations =
        [
            ("no shadow", d => d.AddMap(MapId, Samples.MapPath)),
            ("shadow, default queue", d => d.AddMap(MapId, Samples.MapPath).AddShadow(MapId, Samples.MapPath)),
            ("shadow, queue 10000", d => d.AddMap(MapId, Samples.MapPath).AddShadow(MapId, Samples.MapPath).Configure(o => o.ShadowQueueCapacity = 10_000)),
            ("shadow, queue 256", d => d.AddMap(MapId, Samples.MapPath).AddShadow(MapId, Samples.MapPath).Configure(o => o.ShadowQueueCapacity = 256)),
            ("no shadow, busy thread", d => d.AddMap(MapId, Samples.MapPath)),
            ("no shadow, spin thread", d => d.AddMap(MapId, Samples.MapPath)),
        ];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Decisions:N0} decisions a run, {rounds} rounds, GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, load {MachineLoad.Averages()}"));
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, configure) in configurations.Where(c => only is null || c.Name.Contains(only, StringComparison.Ordinal)))
            {
                using var services = new ServiceCollection().AddDecisioning(configure).BuildServiceProvider();
                var engine = services.GetRequiredService<IDecisionEngine>();
                using var stop = new CancellationTokenSource();
                // A thread beside the caller that shares nothing with it but the process: deciding
                // on its own evaluator and buffer, or spinning without touching memory.
                var beside = name.EndsWith("thread", StringComparison.Ordinal)
                    ? new Thread(name.Contains("busy", StringComparison.Ordinal) ? () => DecideAlone(snapshots, stop.Token) : () => Spin(stop.Token)) { IsBackground = true }
                    : null;
                beside?.Start();
                output.WriteLine($"round {round}  {name,-22} {Measure(engine, snapshots)}");
                stop.Cancel();
                beside?.Join();
            }
        }

        output.WriteLine($"load {MachineLoad.Averages()}");
        return 0;
    }

    /// <summary>
    /// <c>--shadow-pairs</c>: the served path alone, with a shadow, and beside a paced neighbour
    /// (a thread deciding once for each served decision on its own evaluator, sharing nothing),
    /// interleaved in slices of <see cref="SliceDecisions"/> decisions, so that the machine's drift
    /// (a third within minutes on this VM) falls on all three alike. Each slice with a shadow or a
    /// neighbour is set against the mean of the slices alone just before and after it; the medians
    /// of those ratios, by the calling thread's CPU time and by the wall clock, are the result.
    /// </summary>
    public static int Pairs(TextWriter output, int rounds = 40)
    {
        var snapshots = File.ReadLines(Samples.CustomersPath).Take(Samples.Count).Select(CustomerSnapshot.FromJson).ToArray();
        using var alone = new ServiceCollection().AddDecisioning(d => d.AddMap(MapId, Samples.MapPath)).BuildServiceProvider();
        using var shadowed = new ServiceCollection().AddDecisioning(d => d.AddMap(MapId, Samples.MapPath).AddShadow(MapId, Samples.MapPath)).BuildServiceProvider();
        var aloneEngine = alone.GetRequiredService<IDecisionEngine>();
        var shadowedEngine = shadowed.GetRequiredService<IDecisionEngine>();
        using var neighbour = new PacedNeighbour(snapshots);
        var at = new DateTimeOffset(Samples.At);
        var next = 0;
        var pauses = new Dictionary<string, (double Paused, long Collections)>
        {
            ["alone"] = default, ["shadow"] = default, ["neighbour"] = default,
        };
        (double Cpu, double Wall) Slice(IDecisionEngine engine, bool paced)
        {
            var kind = paced ? "neighbour" : ReferenceEquals(engine, shadowedEngine) ? "shadow" : "alone";
            var paused = GC.GetTotalPauseDuration();
            var collections = GC.CollectionCount(0);
            var cpu = ThreadCpuClock.Now();
            var wall = Stopwatch.GetTimestamp();
            for (var i = 0; i < SliceDecisions; i++)
            {
                if (paced)
                {
                    neighbour.Owe();
                }

                engine.Decide(MapId, snapshots[next++ & (snapshots.Length - 1)], at);
            }

            var result = ((ThreadCpuClock.Now() - cpu) / (double)SliceDecisions, Stopwatch.GetElapsedTime(wall).TotalNanoseconds / SliceDecisions);
            var sums = pauses[kind];
            pauses[kind] = (sums.Paused + (GC.GetTotalPauseDuration() - paused).TotalNanoseconds, sums.Collections + GC.CollectionCount(0) - collections);
            return result;
        }

        for (var i = 0; i < 3; i++)
        {
            Slice(aloneEngine, false);
            Slice(shadowedEngine, false);
            Slice(aloneEngine, true);
        }

        foreach (var kind in pauses.Keys)
        {
            pauses[kind] = default;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rounds} rounds of slices of {SliceDecisions:N0} decisions, load {MachineLoad.Averages()}"));
        var shadowRatios = new List<(double Cpu, double Wall)>();
        var neighbourRatios = new List<(double Cpu, double Wall)>();
        var alones = new List<(double Cpu, double Wall)>();
        var before = Slice(aloneEngine, false);
        for (var round = 0; round < rounds; round++)
        {
            var withShadow = Slice(shadowedEngine, false);
            var between = Slice(aloneEngine, false);
            var withNeighbour = Slice(aloneEngine, true);
            var after = Slice(aloneEngine, false);
            shadowRatios.Add((withShadow.Cpu * 2 / (before.Cpu + between.Cpu), withShadow.Wall * 2 / (before.Wall + between.Wall)));
            neighbourRatios.Add((withNeighbour.Cpu * 2 / (between.Cpu + after.Cpu), withNeighbour.Wall * 2 / (between.Wall + after.Wall)));
            alones.Add(between);
            before = after;
        }

        static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
        static string Quartiles(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return string.Create(CultureInfo.InvariantCulture, $"{sorted[sorted.Length / 4]:F3} / {sorted[sorted.Length / 2]:F3} / {sorted[sorted.Length * 3 / 4]:F3}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"alone: {Median(alones.Select(a => a.Cpu)) / 1000:F3} us CPU, {Median(alones.Select(a => a.Wall)) / 1000:F3} us wall a decision (medians)"));
        output.WriteLine($"with a shadow / alone, quartiles:      CPU {Quartiles(shadowRatios.Select(r => r.Cpu))}   wall {Quartiles(shadowRatios.Select(r => r.Wall))}");
        output.WriteLine($"with a neighbour / alone, quartiles:   CPU {Quartiles(neighbourRatios.Select(r => r.Cpu))}   wall {Quartiles(neighbourRatios.Select(r => r.Wall))}");
        foreach (var (kind, (paused, collections)) in pauses)
        {
            var decisions = (kind == "alone" ? 2.0 * rounds + 1 : rounds) * SliceDecisions;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind,-10} collections' pauses {paused / decisions:F0} ns a decision, a collection every {decisions / Math.Max(1, collections):F0} decisions"));
        }

        output.WriteLine($"load {MachineLoad.Averages()}");
        return 0;
    }

    private const int SliceDecisions = 20_000;

    private static string Measure(IDecisionEngine engine, CustomerSnapshot[] snapshots)
    {
        var at = new DateTimeOffset(Samples.At);
        for (var i = 0; i < 20_000; i++)
        {
            engine.Decide(MapId, snapshots[i & (snapshots.Length - 1)], at); // warm-up: tiered JIT settles
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var paused = GC.GetTotalPauseDuration();
        long shadowed = 0, dropped = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == DecisioningTelemetry.MeterName &&
                    instrument.Name is DecisioningTelemetry.Instruments.ShadowDecisions or DecisioningTelemetry.Instruments.ShadowDrops)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == DecisioningTelemetry.Instruments.ShadowDrops)
            {
                Interlocked.Add(ref dropped, value);
            }
            else
            {
                Interlocked.Add(ref shadowed, value);
            }
        });
        listener.Start();
        var promoted = 0L;
        var lastIndex = GC.GetGCMemoryInfo(GCKind.Any).Index;
        var cpu = ThreadCpuClock.Now();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < Decisions; i++)
        {
            engine.Decide(MapId, snapshots[i & (snapshots.Length - 1)], at);
            if ((i & 255) == 0 && GC.GetGCMemoryInfo(GCKind.Any) is { Index: var index } info && index != lastIndex)
            {
                // Sampled: each collection's promoted bytes are seen once when the loop looks often enough.
                promoted += info.PromotedBytes;
                lastIndex = index;
            }
        }

        var seconds = wall.Elapsed.TotalSeconds;
        var cpuSeconds = (ThreadCpuClock.Now() - cpu) / 1e9;
        var per = 100_000.0 / Decisions;
        return string.Create(CultureInfo.InvariantCulture,
            $"{seconds * 1e6 / Decisions,7:F3} us wall, {cpuSeconds * 1e6 / Decisions,7:F3} us CPU a decision; per 100k: gen0 {(GC.CollectionCount(0) - gen0) * per,5:F0}, gen1 {(GC.CollectionCount(1) - gen1) * per,4:F0}, gen2 {(GC.CollectionCount(2) - gen2) * per,3:F0}, promoted (sampled) {promoted * per / 1e6,7:F2} MB, paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds * per,7:F1} ms; shadowed {Interlocked.Read(ref shadowed) * per,6:F0}, dropped {Interlocked.Read(ref dropped) * per,6:F0}");
    }

    private static void DecideAlone(CustomerSnapshot[] snapshots, CancellationToken stop)
    {
        var plan = Samples.Load(Samples.MapPath);
        var customers = snapshots.Select(s => s.Read(plan).Customer!).ToArray();
        var evaluator = new Decisioning.Evaluation.Evaluator(plan);
        var buffer = new Decisioning.Evaluation.DecisionBuffer(plan);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            evaluator.DecideInto(customers[i & (customers.Length - 1)], Samples.At, buffer);
        }
    }

    private static void Spin(CancellationToken stop)
    {
        var x = 0L;
        while (!stop.IsCancellationRequested)
        {
            for (var i = 0; i < 10_000; i++)
            {
                x = (x * 31) + i;
            }
        }

        GC.KeepAlive(x);
    }
}
