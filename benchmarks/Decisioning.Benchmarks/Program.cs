using BenchmarkDotNet.Running;
using Decisioning.Benchmarks.Quick;

namespace Decisioning.Benchmarks;

/// <summary>
/// <c>--quick</c>: the one-line summary within 90 seconds (QuickRun). Anything else goes to
/// BenchmarkDotNet's switcher, e.g. <c>--filter '*' --job short</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--quick"))
        {
            return QuickRun.Run(Console.Out);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
