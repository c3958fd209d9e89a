using System.Diagnostics;
using System.Text;
using Decisioning.Benchmarks.Baselines;
using Decisioning.Benchmarks.Inputs;
using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Runtime;
using RulesEngine.Models;

namespace Decisioning.Benchmarks.Quick;

/// <summary>
/// <c>--reload [rounds]</c>: a hot reload of an edited sample map and its first decision, against
/// RulesEngine's <c>AddOrUpdateWorkflow</c> of the same edit and its first call, and a cold load.
/// The map is a copy of the sample map in a temp folder whose <c>strategies.yaml</c> is rewritten
/// before each reload (not timed) to one of two versions in turn, so every reload is of an edited
/// map: one strategy's priority (90 / 91), one strategy's condition (<c>age &lt;= 70</c> / <c>71</c>),
/// or a condition never seen before (<c>age &lt;= 1000 + n</c>: both engines must compile one new
/// expression); and a reload of the unchanged map. RulesEngine gets the workflows of the same
/// version (prepared before timing, so its side does no file or JSON reading) and a call. The
/// contenders run in turn, round after round, so a slow spell of the shared machine hits all of
/// them; each figure is the median over rounds of a round's mean, in wall-clock time and in the
/// process's CPU time (every thread: loader, JIT, GC).
/// </summary>
public static class ReloadRun
{
    private const string Priority = "    priority: 90\n";
    private const string Condition = "    when: age <= 70\n";

    private static readonly MapLoadOptions ExpressionCacheOnly = new() { Reuse = null };

    public static int Run(string[] args, TextWriter output)
    {
        var at = Array.IndexOf(args, "--reload");
        var rounds = at + 1 < args.Length && int.TryParse(args[at + 1], out var r) ? r : 15;
        var folder = Path.Combine(Path.GetTempPath(), $"decisioning-reload-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            return Measure(folder, rounds, output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Measure(string folder, int rounds, TextWriter output)
    {
        CopyFolder(Samples.MapPath, folder);
        var strategiesFile = Path.Combine(folder, "strategies.yaml");
        var original = File.ReadAllText(strategiesFile);
        if (!original.Contains(Priority, StringComparison.Ordinal) || !original.Contains(Condition, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the sample map no longer has the lines this benchmark edits");
        }

        string Edit(string line, string replacement) => original.Replace(line, replacement, StringComparison.Ordinal);
        var versions = new Dictionary<string, string[]>
        {
            ["unchanged"] = [original, original],
            ["priority"] = [original, Edit(Priority, "    priority: 91\n")],
            ["condition"] = [original, Edit(Condition, "    when: age <= 71\n")],
        };

        // RulesEngine's side of each version: its workflows and the plain C# completion, made from
        // a cold load of that version (outside the timing, and outside every cache).
        var re = new Dictionary<string, (MapWorkflows Map, Workflow[] Workflows)[]>();
        foreach (var (name, texts) in versions)
        {
            re[name] = [.. texts.Select(text => RulesEngineSide(folder, strategiesFile, text))];
        }

        File.WriteAllText(strategiesFile, original);
        var basePlan = Samples.Load(folder, cached: false);
        var customer = Samples.Customers(basePlan)[0];
        var input = RuleInput.From(customer);
        var engine = new RulesEngineConditions(re["unchanged"][0].Map, tuned: true);
        var fresh = 0;

        // The contenders: each call does one reload (file rewrites are outside the timed part).
        var contenders = new List<(string Name, Func<int, Action?> Prepare, Func<object> Run)>();
        foreach (var name in versions.Keys)
        {
            var texts = versions[name];
            var bytes = texts.Select(t => Encoding.UTF8.GetBytes(t)).ToArray();
            var sides = re[name];
            contenders.Add(($"Decisioning_Reload_{name}", i => () => File.WriteAllBytes(strategiesFile, bytes[i % 2]),
                () => Decide(MapLoader.Load(folder), customer)));
            // What a reload did before loads reused their predecessor's pieces: the expression cache only.
            contenders.Add(($"ExpressionCacheOnly_{name}", i => () => File.WriteAllBytes(strategiesFile, bytes[i % 2]),
                () => Decide(MapLoader.Load(folder, ExpressionCacheOnly), customer)));
            var current = 0;
            contenders.Add(($"RulesEngine_Reload_{name}", i => () => current = i % 2,
                () =>
                {
                    engine.Reload(sides[current].Workflows);
                    return new PlainDecider(sides[current].Map, engine).Decide(input, Samples.At);
                }));
        }

        // A condition never seen by either engine: one new expression to parse and compile.
        var freshSide = re["condition"][1];
        Workflow[]? freshWorkflows = null;
        contenders.Add(("Decisioning_Reload_fresh", _ =>
        {
            var n = Interlocked.Increment(ref fresh);
            var text = Edit(Condition, $"    when: age <= {1000 + n}\n");
            return () => File.WriteAllText(strategiesFile, text);
        }, () => Decide(MapLoader.Load(folder), customer)));
        contenders.Add(("RulesEngine_Reload_fresh", _ =>
        {
            var n = Interlocked.Increment(ref fresh);
            freshWorkflows = Rewritten(freshSide.Workflows, "age <= 71", $"age <= {1000 + n}");
            return null;
        }, () =>
        {
            engine.Reload(freshWorkflows!);
            return new PlainDecider(freshSide.Map, engine).Decide(input, Samples.At);
        }));
        contenders.Add(("Decisioning_ColdLoad", _ => () => File.WriteAllText(strategiesFile, original),
            () => MapLoader.Load(folder, Samples.Uncached).Plan!));
        contenders.Add(("Decisioning_ColdLoadDecide", _ => () => File.WriteAllText(strategiesFile, original),
            () => Decide(MapLoader.Load(folder, Samples.Uncached), customer)));

        const int perRound = 12;
        var wall = contenders.ToDictionary(c => c.Name, _ => new List<double>());
        var cpu = contenders.ToDictionary(c => c.Name, _ => new List<double>());
        for (var round = -2; round < rounds; round++)
        {
            // Rotate the starting contender, so none always runs after the same other.
            for (var k = 0; k < contenders.Count; k++)
            {
                var (name, prepare, run) = contenders[(k + Math.Max(0, round)) % contenders.Count];
                var w = 0.0;
                var c = 0L;
                for (var i = 0; i < perRound; i++)
                {
                    prepare(i)?.Invoke();
                    var cpu0 = ThreadCpuClock.ProcessNanoseconds();
                    var watch = Stopwatch.StartNew();
                    run();
                    w += watch.Elapsed.TotalMilliseconds;
                    c += ThreadCpuClock.ProcessNanoseconds() - cpu0;
                }

                if (round >= 0)
                {
                    wall[name].Add(w / perRound);
                    cpu[name].Add(c / 1e6 / perRound);
                }
            }

            // The pause a host has between reloads, in which the runtime finishes tiering up.
            Thread.Sleep(round < 0 ? 600 : 100);
        }

        output.WriteLine($"reload of the sample map, {rounds} rounds x {perRound} reloads each, median of the rounds' means (min), load average {MachineLoad.Averages()}");
        output.WriteLine($"{"contender",-28} {"wall ms",16} {"process CPU ms",18}");
        foreach (var (name, _, _) in contenders)
        {
            output.WriteLine($"{name,-28} {Median(wall[name]),8:F3} ({wall[name].Min(),5:F3}) {Median(cpu[name]),10:F3} ({cpu[name].Min(),5:F3})");
        }

        File.WriteAllText(strategiesFile, original);
        return 0;
    }

    private static object Decide(LoadResult loaded, CustomerRecord customer) =>
        new Evaluator(loaded.Plan ?? throw new InvalidOperationException(string.Join("; ", loaded.Diagnostics))).Decide(customer, Samples.At);

    private static (MapWorkflows, Workflow[]) RulesEngineSide(string folder, string strategiesFile, string text)
    {
        File.WriteAllText(strategiesFile, text);
        var map = new MapWorkflows(Samples.Load(folder, cached: false));
        return (map, Workflows(map));
    }

    internal static Workflow[] Workflows(MapWorkflows map) => [.. map.Groups.Select(g => new Workflow
    {
        WorkflowName = g.Name,
        Rules = [.. g.Rules.Select(r => new Rule { RuleName = r.Name, Expression = r.Expression, RuleExpressionType = RuleExpressionType.LambdaExpression })],
    })];

    private static Workflow[] Rewritten(Workflow[] workflows, string from, string to) => [.. workflows.Select(w => new Workflow
    {
        WorkflowName = w.WorkflowName,
        Rules = [.. w.Rules.Select(r => new Rule { RuleName = r.RuleName, Expression = r.Expression.Replace(from, to, StringComparison.Ordinal), RuleExpressionType = r.RuleExpressionType })],
    })];

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
