using Decisioning.Files;
using BenchmarkDotNet.Attributes;
using Decisioning.Benchmarks.Baselines;
using Decisioning.Benchmarks.Inputs;
using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Plan;
using Decisioning.Runtime;
using RulesEngine.Models;

namespace Decisioning.Benchmarks.Suites;

/// <summary>
/// From map text to the first decision, in a warm process: Decisioning's load + validate +
/// compile of a map never seen before (no expression cache), and a hot reload (the same map loaded
/// again through the process-wide expression cache, then a decision), against a new RulesEngine
/// compiling its workflows on its first call (and its AddOrUpdateWorkflow reload). RulesEngine
/// keeps compiled expressions in a static cache too, so its first call is not cold either.
/// </summary>
[MemoryDiagnoser]
public class ColdStartBenchmarks
{
    private DecisionPlan _plan = null!;
    private MapWorkflows _map = null!;
    private CustomerRecord _customer = null!;
    private RuleInput _input = null!;
    private RulesEngineConditions _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plan = Samples.Load(Samples.MapPath);
        _map = new MapWorkflows(_plan);
        _customer = Samples.Customers(_plan)[0];
        _input = RuleInput.From(_customer);
        _engine = new RulesEngineConditions(_map, tuned: true);
    }

    [Benchmark(Baseline = true)]
    public object RulesEngine_FirstCall() => new PlainDecider(_map, new RulesEngineConditions(_map, tuned: true)).Decide(_input, Samples.At);

    [Benchmark]
    public object Decisioning_LoadCompileDecide() => new Evaluator(Samples.Load(Samples.MapPath, cached: false)).Decide(_customer, Samples.At);

    [Benchmark]
    public object Decisioning_LoadCompile() => Samples.Load(Samples.MapPath, cached: false);

    [Benchmark]
    public object RulesEngine_HotReload()
    {
        // A reload replaces the workflows; RulesEngine recompiles them on the next call.
        _engine.Reload(_map.Groups.Select(g => new Workflow
        {
            WorkflowName = g.Name,
            Rules = [.. g.Rules.Select(r => new Rule { RuleName = r.Name, Expression = r.Expression })],
        }).ToArray());
        return new PlainDecider(_map, _engine).Decide(_input, Samples.At);
    }

    [Benchmark]
    public object Decisioning_HotReload() => new Evaluator(Samples.Load(Samples.MapPath)).Decide(_customer, Samples.At);
}
