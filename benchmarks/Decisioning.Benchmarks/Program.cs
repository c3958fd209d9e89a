using BenchmarkDotNet.Running;
using Decisioning.Benchmarks.Quick;

namespace Decisioning.Benchmarks;

/// <summary>
/// <c>--quick</c>: the one-line summary within 90 seconds (QuickRun); <c>--board [N]</c>: the
/// strategy board on N decisions, time and peak memory beside report's (BoardHarness); <c>--policy-gate</c>: the
/// policy gate with a RulesEngine workflow against the same rules in the map (PolicyGateRun); <c>--history [LINES]</c>: decisions
/// per second with a SQLite history against without, and a 1M-line import (HistoryRun); <c>--profile TARGET</c>: a
/// workload in a loop for dotnet-trace (ProfileLoop); <c>--reload [ROUNDS]</c>: a hot reload of an edited map against
/// RulesEngine's AddOrUpdateWorkflow of the same edit, and a cold load (ReloadRun); <c>--adaptive</c>: the sample map with two adaptive models
/// against constant propensities, and <c>learn</c> over 1M contacts (AdaptiveRun); <c>--scaling [--thread-cpu]</c>:
/// DecideInto on the sample map and generated maps (ScalingRun); <c>--shadow</c>: the served path with a shadow map
/// and what the collections cost it (ShadowRun); <c>--stream [LINES] [--rounds N]</c>: <c>evaluate</c>
/// against the JSON floor, alternating, wall and CPU time; <c>--stream-parts</c>: a line's read, decision and write, one thread (StreamRun). Anything else goes to
/// BenchmarkDotNet's switcher, e.g. <c>--filter '*' --job short</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--board"))
        {
            return Board.BoardHarness.Run(args, Console.Out);
        }

        if (args.Contains("--history"))
        {
            return HistoryRun.Run(args, Console.Out);
        }

        if (args.Contains("--policy-gate"))
        {
            return PolicyGateRun.Run(Console.Out);
        }

        if (args.Contains("--adaptive"))
        {
            return AdaptiveRun.Run(args, Console.Out);
        }

        if (args.Contains("--shadow-pairs"))
        {
            return Array.IndexOf(args, "--shadow-pairs") is var p && p + 1 < args.Length
                ? ShadowRun.Pairs(Console.Out, int.Parse(args[p + 1], System.Globalization.CultureInfo.InvariantCulture))
                : ShadowRun.Pairs(Console.Out);
        }

        if (args.Contains("--shadow"))
        {
            return Array.IndexOf(args, "--shadow") is var s && s + 1 < args.Length
                ? ShadowRun.Run(Console.Out, rounds: 1, only: args[s + 1])
                : ShadowRun.Run(Console.Out);
        }

        if (args.Contains("--scaling"))
        {
            string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
            return Quick.ScalingRun.Run(Console.Out, threadCpu: args.Contains("--thread-cpu"), Option("--map"), Option("--customers"));
        }

        if (args.Contains("--reload"))
        {
            return Quick.ReloadRun.Run(args, Console.Out);
        }

        if (args.Contains("--stream-parts"))
        {
            return StreamRun.Parts(Console.Out);
        }

        if (args.Contains("--stream"))
        {
            return StreamRun.Run(args, Console.Out);
        }

        if (args.Contains("--quick"))
        {
            return QuickRun.Run(Console.Out);
        }

        if (Array.IndexOf(args, "--profile") is var at and >= 0 && at + 1 < args.Length)
        {
            var seconds = at + 2 < args.Length && double.TryParse(args[at + 2], out var s) ? s : 20;
            return ProfileLoop.Run(args[at + 1], seconds, Console.Out);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
