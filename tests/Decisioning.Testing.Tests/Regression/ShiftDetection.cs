using System.Diagnostics;
using Decisioning.Plan;
using Decisioning.Testing.Checks;
using FsCheck;
using FsCheck.Fluent;

namespace Decisioning.Testing.Tests.Regression;

/// <summary>
/// How often <see cref="MapProperties.SameDecisionsExcept"/> finds that two versions decide
/// differently, measured as FsCheck.Xunit runs it by default: runs of at most 100 tests, each from
/// its own seed, stopping at the first failing customer (shrinking, which only follows a failure,
/// is left out).
/// </summary>
internal sealed record ShiftDetection(string Shift, int Runs, int Found, double MeanTestsToFailure, int MostTestsToFailure, double? CustomerShare, TimeSpan Elapsed)
{
    private const int TestsPerRun = 100;
    private const int Chunk = 5;

    /// <summary>Runs that found no difference in 100 tests.</summary>
    public int Missed => Runs - Found;

    /// <summary>The share of runs that found the difference.</summary>
    public double FoundShare => (double)Found / Runs;

    /// <summary>
    /// <paramref name="runs"/> runs of the regression property between <paramref name="before"/>
    /// and <paramref name="after"/> with no strategy named as changed. Seeds follow from the run's
    /// number, so a measurement repeats exactly.
    /// </summary>
    /// <remarks>
    /// With <paramref name="sample"/> above 0, also the share of that many customers (one
    /// sample, seed 0) on whom the versions decide differently.
    /// </remarks>
    public static ShiftDetection Measure(string shift, DecisionPlan before, DecisionPlan after, DateTime at, int runs, int sample = 0)
    {
        var (old, now) = (MapProperties.For(before, at), MapProperties.For(after, at));
        var customers = MapArbitraries.For([before, after], at).Generator;
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var (found, tests, most) = (0, 0L, 0);
        for (var run = 0; run < runs; run++)
        {
            // Drawn five at a time: most runs stop within the first five. Seeds far apart, as fresh ones are.
            var seeds = new Random(run + 1);
            for (var chunk = 0; chunk < TestsPerRun / Chunk; chunk++)
            {
                var seed = new Rnd((ulong)seeds.NextInt64());
                var drawn = Gen.Sample(customers, size: 50, seed: seed, numberOfSamples: Chunk);
                if (drawn.Length != Chunk)
                {
                    throw new InvalidOperationException($"drew {drawn.Length} customers, not {Chunk}");
                }

                var failedAt = Array.FindIndex(drawn, c => RegressionCheck.Run(old, now, changed, c) is not null);
                if (failedAt >= 0)
                {
                    found++;
                    tests += (chunk * Chunk) + failedAt + 1;
                    most = Math.Max(most, (chunk * Chunk) + failedAt + 1);
                    break;
                }
            }
        }

        double? share = sample <= 0 ? null
            : (double)Gen.Sample(customers, size: 50, seed: new Rnd(0), numberOfSamples: sample).Count(c => RegressionCheck.Run(old, now, changed, c) is not null) / sample;
        return new(shift, runs, found, found == 0 ? double.NaN : (double)tests / found, most, share, clock.Elapsed);
    }

    public override string ToString() =>
        $"{Shift}: found in {Found} of {Runs} runs of 100 tests ({FoundShare:P1}), after {MeanTestsToFailure:F1} tests on average " +
        $"(at most {MostTestsToFailure}){(CustomerShare is { } share ? $"; {share:P1} of customers show it" : "")}; {Elapsed.TotalSeconds:F0} s";
}
