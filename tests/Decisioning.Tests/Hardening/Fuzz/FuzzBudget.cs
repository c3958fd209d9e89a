using System.Diagnostics;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Decisioning.Tests.Hardening.Fuzz;

/// <summary>
/// How long each fuzzing property runs, and the bounds every case is held to. In CI a property
/// runs for <see cref="DefaultSeconds"/> seconds; by hand, <c>DECISIONING_FUZZ_SECONDS=600</c> runs
/// each for ten minutes, and <c>DECISIONING_FUZZ_SEED=N</c> replays one case (docs/testing.md).
/// </summary>
internal static class FuzzBudget
{
    /// <summary>Seconds per property when no environment variable says otherwise (four properties: well under 30 s).</summary>
    public const double DefaultSeconds = 4;

    /// <summary>The longest one case may take: a hang or a runaway loop fails the property.</summary>
    public static readonly TimeSpan CaseTime = TimeSpan.FromSeconds(10);

    /// <summary>The most one case may allocate (all threads; generous, so other tests running beside it do not count against it).</summary>
    public const long CaseBytes = 1L << 30;

    public static TimeSpan PerProperty =>
        double.TryParse(Environment.GetEnvironmentVariable("DECISIONING_FUZZ_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.FromSeconds(DefaultSeconds);

    private static int? ReplaySeed =>
        int.TryParse(Environment.GetEnvironmentVariable("DECISIONING_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : null;

    /// <summary>
    /// Checks <paramref name="check"/> for FsCheck-chosen seeds until the budget is spent (or once,
    /// for <c>DECISIONING_FUZZ_SEED</c>): each case within <see cref="CaseTime"/> and
    /// <see cref="CaseBytes"/>, and whatever it throws is a failure naming the seed. Returns the
    /// number of cases run.
    /// </summary>
    public static int Run(string name, Action<int> check)
    {
        if (ReplaySeed is { } only)
        {
            Bounded(name, only, check);
            return 1;
        }

        var budget = PerProperty;
        var clock = Stopwatch.StartNew();
        var cases = 0;
        var seeds = ArbMap.Default.ArbFor<int>();
        // Rounds of a few cases, each round with FsCheck's own fresh randomness, until the budget
        // is spent; a failing case is shrunk by FsCheck and reported with its seed.
        var round = Config.QuickThrowOnFailure.WithMaxTest(25).WithQuietOnSuccess(true).WithStartSize(1_000_000).WithEndSize(int.MaxValue / 2);
        while (clock.Elapsed < budget)
        {
            Check.One(round, Prop.ForAll(seeds, (int seed) =>
            {
                cases++;
                Bounded(name, seed, check);
            }));
        }

        return cases;
    }

    private static void Bounded(string name, int seed, Action<int> check)
    {
        var before = GC.GetTotalAllocatedBytes(precise: false);
        var run = Task.Factory.StartNew(() => check(seed), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (!run.Wait(CaseTime))
            {
                throw new TimeoutException($"{name}: seed {seed} ran longer than {CaseTime.TotalSeconds:N0} s (replay: DECISIONING_FUZZ_SEED={seed})");
            }
        }
        catch (AggregateException e) when (e.InnerException is { } inner)
        {
            throw new InvalidOperationException($"{name}: seed {seed} failed (replay: DECISIONING_FUZZ_SEED={seed}): {inner.Message}", inner);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: false) - before;
        if (allocated > CaseBytes)
        {
            throw new InvalidOperationException($"{name}: seed {seed} allocated {allocated:N0} bytes, over {CaseBytes:N0} (replay: DECISIONING_FUZZ_SEED={seed})");
        }
    }
}
