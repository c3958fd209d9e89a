using System.Numerics;
using System.Runtime.CompilerServices;
using Decisioning.Plan;

namespace Decisioning.Evaluation;

/// <summary>
/// Which strategies a decision must run the gates of, by the segments the customer is in: a map of
/// a thousand strategies aimed at a dozen segments rejects most of them at the target gate, and
/// that outcome is known from the segments alone. A strategy that targets segments (and has no
/// <c>active</c> window, whose gate comes first) is run only when the customer is in one of them;
/// every other strategy gets the result the gates would give it, <c>not-targeted</c>, from a
/// template. Strategies for everyone and those with an active window are always run.
/// </summary>
/// <remarks>
/// The target gate itself stays in <see cref="Gates"/>: this index only skips strategies whose first
/// failing gate is already decided, and an explain recorder (which must hear every gate of every
/// strategy) bypasses it. Bit sets of 64 strategies a word keep the union over the customer's
/// segments a handful of ORs and the walk in file order.
/// </remarks>
internal sealed class TargetIndex
{
    private readonly ulong[] _always;
    private readonly ulong[][] _bySegment;

    public TargetIndex(StrategyPlan[] strategies, int segmentCount)
    {
        Words = (strategies.Length + 63) / 64;
        _always = new ulong[Words];
        _bySegment = new ulong[segmentCount][];
        for (var i = 0; i < segmentCount; i++)
        {
            _bySegment[i] = new ulong[Words];
        }

        SkippedReasons = new string?[strategies.Length];
        SkippedWaves = new int[strategies.Length];
        foreach (var s in strategies)
        {
            // What Gates.Run leaves for a strategy that fails its target gate: the reason, wave 1 for a strategy with waves.
            SkippedWaves[s.Index] = s.HasWaves ? 1 : 0;
            if (s.Target is null || s.ActiveFrom is not null || s.ActiveTo is not null)
            {
                Set(_always, s.Index);
                continue;
            }

            SkippedReasons[s.Index] = ReasonCodes.NotTargeted;
            foreach (var segment in s.Target)
            {
                Set(_bySegment[segment], s.Index);
            }
        }
    }

    /// <summary>The length of a bit set of strategies, in 64-bit words.</summary>
    public int Words { get; }

    /// <summary>Per strategy, its reason code when it is not run (<c>not-targeted</c>; null for one always run).</summary>
    public string?[] SkippedReasons { get; }

    /// <summary>Per strategy, its trace wave when it is not run.</summary>
    public int[] SkippedWaves { get; }

    /// <summary>Fills <paramref name="run"/> with the strategies to run for a customer in the segments <paramref name="inSegment"/> marks.</summary>
    public void Select(bool[] inSegment, ulong[] run)
    {
        _always.AsSpan().CopyTo(run);
        for (var segment = 0; segment < inSegment.Length; segment++)
        {
            if (inSegment[segment])
            {
                var bits = _bySegment[segment];
                for (var w = 0; w < bits.Length; w++)
                {
                    run[w] |= bits[w];
                }
            }
        }
    }

    /// <summary>The next strategy index set in <paramref name="run"/> from word <paramref name="word"/> on, clearing it; -1 when none is left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Next(ulong[] run, ref int word)
    {
        while (word < run.Length)
        {
            var bits = run[word];
            if (bits != 0)
            {
                run[word] = bits & (bits - 1);
                return (word << 6) + BitOperations.TrailingZeroCount(bits);
            }

            word++;
        }

        return -1;
    }

    private static void Set(ulong[] bits, int index) => bits[index >> 6] |= 1UL << (index & 63);
}
