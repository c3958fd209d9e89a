using Decisioning.Benchmarks.Baselines;
using Decisioning.Benchmarks.Inputs;

namespace Decisioning.Benchmarks.Quick;

/// <summary>
/// <c>--profile decide|into|compile|reload|stream|history|history-parts [seconds]</c>: one workload in a loop and nothing else,
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
            "stream" => () => StreamFiles.Evaluate(StreamFiles.Ensure(100_000), Path.Combine(Path.GetTempPath(), "decisioning-profile-out.jsonl")),
            _ => throw new ArgumentException($"unknown profile target '{target}' (decide, into, compile, reload, stream, history, history-parts)"),
        };
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var runs = 0L;
        while (DateTime.UtcNow < until)
        {
            work();
            runs++;
        }

        output.WriteLine($"{target}: {runs:N0} runs in {seconds} s");
        return 0;
    }
}
