using BenchmarkDotNet.Attributes;
using Decisioning.Benchmarks.Baselines;
using Decisioning.Benchmarks.Inputs;
using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Runtime;
using RulesEngine.Models;

namespace Decisioning.Benchmarks.Suites;

/// <summary>
/// From map text to the first decision, in a warm process: Decisioning's load + validate +
/// compile of a map never seen before (no expression cache, nothing reused), against a new
/// RulesEngine compiling its workflows on its first call; and hot reloads with a decision: of the
/// unchanged map, and of an edited one (a copy of the sample map whose first strategy's priority
/// alternates between 90 and 91, rewritten inside the benchmark: Decisioning reads it back),
/// against RulesEngine's AddOrUpdateWorkflow of the same version and a call. RulesEngine keeps
/// compiled expressions in a static cache too, so its first call is not cold either.
/// </summary>
[MemoryDiagnoser]
public class ColdStartBenchmarks
{
    private DecisionPlan _plan = null!;
    private MapWorkflows _map = null!;
    private CustomerRecord _customer = null!;
    private RuleInput _input = null!;
    private RulesEngineConditions _engine = null!;
    private string _folder = null!;
    private byte[][] _versions = null!;
    private (MapWorkflows Map, Workflow[] Workflows)[] _edited = null!;
    private int _reloads;

    [GlobalSetup]
    public void Setup()
    {
        _plan = Samples.Load(Samples.MapPath);
        _map = new MapWorkflows(_plan);
        _customer = Samples.Customers(_plan)[0];
        _input = RuleInput.From(_customer);
        _engine = new RulesEngineConditions(_map, tuned: true);

        _folder = Path.Combine(Path.GetTempPath(), $"decisioning-coldstart-{Environment.ProcessId}");
        foreach (var file in Directory.EnumerateFiles(Samples.MapPath, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder, Path.GetRelativePath(Samples.MapPath, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        var text = File.ReadAllText(Path.Combine(_folder, "strategies.yaml"));
        _versions = [.. new[] { text, text.Replace("    priority: 90\n", "    priority: 91\n", StringComparison.Ordinal) }.Select(System.Text.Encoding.UTF8.GetBytes)];
        _edited = [.. _versions.Select(v =>
        {
            File.WriteAllBytes(Path.Combine(_folder, "strategies.yaml"), v);
            var map = new MapWorkflows(Samples.Load(_folder, cached: false));
            return (map, Quick.ReloadRun.Workflows(map));
        })];
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

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

    [Benchmark]
    public object RulesEngine_HotReloadEdited()
    {
        var (map, workflows) = _edited[_reloads++ % 2];
        _engine.Reload(workflows);
        return new PlainDecider(map, _engine).Decide(_input, Samples.At);
    }

    [Benchmark]
    public object Decisioning_HotReloadEdited()
    {
        File.WriteAllBytes(Path.Combine(_folder, "strategies.yaml"), _versions[_reloads++ % 2]);
        return new Evaluator(Samples.Load(_folder)).Decide(_customer, Samples.At);
    }
}
