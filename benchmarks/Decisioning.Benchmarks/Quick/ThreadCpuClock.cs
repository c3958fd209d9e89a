using System.Runtime.InteropServices;

namespace Decisioning.Benchmarks.Quick;

/// <summary>
/// Times a workload by the calling thread's own CPU time (Linux <c>clock_gettime</c> with
/// <c>CLOCK_THREAD_CPUTIME_ID</c>) instead of the wall clock: on a machine shared with builds, the
/// time the thread spends waiting for a core is not counted, so two commits measured in turn
/// compare their own work more than the machine's load. The best of many short rounds.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ProcessCpuTimeId = 2;
    private const int ThreadCpuTimeId = 3;

    /// <summary>Nanoseconds of thread CPU time per call of <paramref name="decide"/>, the best of <paramref name="rounds"/> rounds of 50 ms.</summary>
    public static double BestNanoseconds(Func<object> decide, int rounds = 60)
    {
        for (var i = 0; i < 200_000; i++)
        {
            decide();
        }

        var best = double.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            var start = Now();
            var n = 0;
            while (Now() - start < 50_000_000)
            {
                for (var i = 0; i < 64; i++)
                {
                    decide();
                }

                n += 64;
            }

            best = Math.Min(best, (Now() - start) / (double)n);
        }

        return best;
    }

    /// <summary>The calling thread's CPU time so far, in nanoseconds.</summary>
    public static long Now() => Read(ThreadCpuTimeId, "CLOCK_THREAD_CPUTIME_ID");

    /// <summary>The CPU time of the whole process (every thread: loaders, JIT, GC), in nanoseconds.</summary>
    public static long ProcessNanoseconds() => Read(ProcessCpuTimeId, "CLOCK_PROCESS_CPUTIME_ID");

    private static long Read(int clock, string name)
    {
        if (ClockGetTime(clock, out var t) != 0)
        {
            throw new PlatformNotSupportedException($"clock_gettime({name}) failed: CPU-time measures need Linux");
        }

        return t.Seconds * 1_000_000_000 + t.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);
}
