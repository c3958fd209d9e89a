using Decisioning.Plan;

namespace Decisioning.Evaluation;

/// <summary>
/// The one per-thread pool of <see cref="DecisionBuffer"/>s, used by everything that decides into
/// a buffer on a caller's thread (the hosted engine, the line decider, a layer above). A thread keeps a
/// few buffers, each made for one plan: a thread that alternates between plans (a served map and
/// its shadow, two maps of a host) reuses one for each. A rented buffer leaves the pool until it is
/// returned, so a decision made from inside another on the same thread (a host model or policy
/// calling the engine) gets a buffer of its own. Nothing to dispose: the buffers are plain managed
/// memory, and the buffers of plans no longer in use leave as other plans' are returned.
/// </summary>
internal static class DecisionBufferPool
{
    // Enough for a map, its shadow and a nested decision; most recently returned first.
    private const int PerThread = 4;

    [ThreadStatic]
    private static DecisionBuffer?[]? t_buffers;

    /// <summary>A buffer for <paramref name="plan"/>: this thread's, or a new one.</summary>
    public static DecisionBuffer Rent(DecisionPlan plan)
    {
        var buffers = t_buffers;
        if (buffers is not null)
        {
            for (var i = 0; i < buffers.Length; i++)
            {
                if (buffers[i] is { } buffer && ReferenceEquals(buffer.Plan, plan))
                {
                    buffers[i] = null;
                    return buffer;
                }
            }
        }

        return new DecisionBuffer(plan);
    }

    /// <summary>Gives <paramref name="buffer"/> back to this thread's pool, first in line; the least recently returned leaves when it is full.</summary>
    public static void Return(DecisionBuffer buffer)
    {
        var buffers = t_buffers ??= new DecisionBuffer?[PerThread];
        // Shift the others down over the first empty slot (or over the last), then put it first.
        var hole = Array.IndexOf(buffers, null);
        for (var i = hole < 0 ? buffers.Length - 1 : hole; i > 0; i--)
        {
            buffers[i] = buffers[i - 1];
        }

        buffers[0] = buffer;
    }
}
