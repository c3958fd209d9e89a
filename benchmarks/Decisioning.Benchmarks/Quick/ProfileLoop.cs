using Decisioning.Benchmarks.Baselines;
using Decisioning.Benchmarks.Inputs;
using Decisioning.Evaluation;

namespace Decisioning.Benchmarks.Quick;

/// <summary>
/// <c>--profile decide|into|compile|reload|reload-edit|stream|history|history-parts [seconds]</c>: one workload in a loop and nothing else,
/// to run under <c>dotnet-trace collect</c> (benchmarks/README.md says how).
/// </summary>
public static class ProfileLoop
{
    public static int Run(string target, double seconds, TextWriter output)
    {
        if (target == "history")
        {
            return HistoryRun.Profile(seconds, output);
        }

        if (target == "history-parts")
        {
            return HistoryRun.Parts(output);
        }

        if (target == "history-read")
        {
            return HistoryRun.Parts(output, seconds);
        }

        var plan = Samples.Load(Samples.MapPath);
        var contenders = new Contenders(plan, Samples.Pick(plan, Profile.Mixed), rulesEngine: false);
        Action work = target switch
        {
            "decide" => () => contenders.Decide(),
            "into" => () => contenders.DecideInto(),
            "compile" => () => Samples.Load(Samples.MapPath, cached: false),
            "reload" => () => Samples.Load(Samples.MapPath, cached: true),
            "reload-edit" => ReloadEdit(contenders),
            "stream" => () => StreamFiles.Evaluate(StreamFiles.Ensure(100_000), Path.Combine(Path.GetTempPath(), "decisioning-profile-out.jsonl")),
            _ => throw new ArgumentException($"unknown profile target '{target}' (decide, into, compile, reload, reload-edit, stream, history, history-parts)"),
        };
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var runs = 0L;
        while (DateTime.UtcNow < until)
        {
            work();
            runs++;
        }

        output.WriteLine($"{target}: {runs:N0} runs in {seconds} s");
        // Methods the JIT compiled in a warm loop: steady state compiles none a run.
        var methods = System.Runtime.JitInfo.GetCompiledMethodCount();
        for (var i = 0; i < 200; i++)
        {
            work();
        }

        output.WriteLine($"{target}: {System.Runtime.JitInfo.GetCompiledMethodCount() - methods} methods compiled in 200 more runs");
        if (Directory.Exists(EditedCopy))
        {
            Directory.Delete(EditedCopy, recursive: true);
        }

        return 0;
    }

    private static string EditedCopy => Path.Combine(Path.GetTempPath(), $"decisioning-profile-{Environment.ProcessId}");

    // A copy of the sample map whose first strategy's priority alternates between 90 and 91, reloaded and decided (--reload's "priority").
    private static Action ReloadEdit(Contenders contenders)
    {
        var folder = EditedCopy;
        foreach (var file in Directory.EnumerateFiles(Samples.MapPath, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(Samples.MapPath, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        var strategies = Path.Combine(folder, "strategies.yaml");
        var versions = new[] { File.ReadAllText(strategies), File.ReadAllText(strategies).Replace("    priority: 90\n", "    priority: 91\n", StringComparison.Ordinal) };
        var customer = contenders.Customers[0];
        var n = 0;
        return () =>
        {
            File.WriteAllText(strategies, versions[n++ % 2]);
            new Evaluator(Samples.Load(folder)).Decide(customer, Samples.At);
        };
    }
}
