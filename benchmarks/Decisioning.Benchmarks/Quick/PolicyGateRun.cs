using Decisioning.Benchmarks.Inputs;
using Decisioning.Benchmarks.Suites;

namespace Decisioning.Benchmarks.Quick;

/// <summary>
/// <c>--policy-gate</c>: <see cref="PolicyGateBenchmarks"/> timed the quick way (best of twenty short
/// rounds per figure, the three contenders' rounds interleaved, one thread), for the pass and mixed profiles, in about 30 seconds. On a busy
/// shared machine the fastest round is the one least disturbed, which BenchmarkDotNet's means are not.
/// </summary>
public static class PolicyGateRun
{
    public static int Run(TextWriter output)
    {
        foreach (var profile in new[] { Profile.Pass, Profile.Mixed })
        {
            var suite = new PolicyGateBenchmarks { Profile = profile };
            suite.Setup();
            var timed = Interleaved(suite.Map_Alone, suite.Map_ConvertedSegments, suite.Map_RulesEnginePolicy);
            var (alone, converted, policy) = (timed[0], timed[1], timed[2]);
            output.WriteLine($"profile {profile}: the workflow and the converted segments agree on {Samples.Count} customers");
            foreach (var (name, m) in new[] { ("Map_Alone", alone), ("Map_ConvertedSegments", converted), ("Map_RulesEnginePolicy", policy) })
            {
                output.WriteLine(FormattableString.Invariant(
                    $"{name,-24} {m.Microseconds,10:F3} us/decision {m.Bytes,10:F0} B/decision  gate: {m.Microseconds - alone.Microseconds,8:F3} us {m.Bytes - alone.Bytes,8:F0} B"));
            }
        }

        return 0;
    }

    /// <summary>
    /// Each contender warmed up for a second, then twenty rounds of 0.1 s taken in turn, so that a
    /// slow spell of the machine hits all three alike; the fastest round of each counts.
    /// </summary>
    private static (double Microseconds, double Bytes)[] Interleaved(params Func<object>[] contenders)
    {
        foreach (var contender in contenders)
        {
            QuickRun.Round(contender, 1.0);
        }

        var best = contenders.Select(_ => (Microseconds: double.MaxValue, Bytes: 0.0)).ToArray();
        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < contenders.Length; i++)
            {
                var m = QuickRun.Round(contenders[i], 0.1);
                if (m.Microseconds < best[i].Microseconds)
                {
                    best[i] = m;
                }
            }
        }

        return best;
    }
}
