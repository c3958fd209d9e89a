using BenchmarkDotNet.Attributes;
using Decisioning.Benchmarks.Baselines;
using Decisioning.Benchmarks.Inputs;

namespace Decisioning.Benchmarks.Suites;

/// <summary>The cost per strategy: generated maps of 25, 100 and 1,000 strategies, mixed customers.</summary>
[MemoryDiagnoser]
public class ScalingBenchmarks
{
    private Contenders _c = null!;

    [Params(25, 100, 1000)]
    public int Strategies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var plan = GeneratedMap.Load(Strategies);
        var reader = new Decisioning.Snapshots.SnapshotReader(plan);
        var customers = File.ReadLines(Samples.CustomersPath).Take(Samples.Count).Select(l => reader.Read(l).Customer!).ToArray();
        _c = new Contenders(plan, customers);
    }

    [Benchmark(Baseline = true)]
    public object RulesEngine_Tuned() => _c.Plain(_c.RulesEngineTuned!);

    [Benchmark]
    public object Decisioning_Decide() => _c.Decide();

    [Benchmark]
    public object Decisioning_DecideInto() => _c.DecideInto();

    [Benchmark]
    public object Raw_Delegates() => _c.Plain(_c.Raw);
}
