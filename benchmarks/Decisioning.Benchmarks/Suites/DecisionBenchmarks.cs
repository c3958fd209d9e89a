using BenchmarkDotNet.Attributes;
using Decisioning.Benchmarks.Baselines;
using Decisioning.Benchmarks.Inputs;

namespace Decisioning.Benchmarks.Suites;

/// <summary>
/// One decision on the sample map, per engine, cycling 1,024 customers of a profile. Setup
/// checks that every engine selects the same actions for every customer before timing.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private Contenders _c = null!;

    [Params(Profile.Pass, Profile.Fail, Profile.Mixed)]
    public Profile Profile { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var plan = Samples.Load(Samples.MapPath);
        _c = new Contenders(plan, Samples.Pick(plan, Profile));
    }

    [Benchmark(Baseline = true)]
    public object RulesEngine_Default() => _c.Plain(_c.RulesEngineDefault!);

    [Benchmark]
    public object RulesEngine_Tuned() => _c.Plain(_c.RulesEngineTuned!);

    [Benchmark]
    public object Decisioning_Decide() => _c.Decide();

    [Benchmark]
    public object Decisioning_DecideInto() => _c.DecideInto();

    [Benchmark]
    public object Decisioning_DecideIntoCopy() => _c.DecideIntoCopy();

    [Benchmark]
    public object Raw_Delegates() => _c.Plain(_c.Raw);
}
