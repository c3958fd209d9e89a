using System.Collections.Concurrent;

namespace Decisioning.Loading;

/// <summary>
/// The threads loads run on: each with a large stack (the expression parser recurses; hostile input
/// gets plenty of room on top of the lexical limits, off a caller's small stack). A thread is kept
/// for the next load instead of being started anew for each (starting one cost more than a whole
/// reload of an unchanged map); at most two wait idle, and a thread whose load failed is let go, so
/// that a stack grown deep by hostile input does not stay in memory.
/// </summary>
internal static class LoaderThreads
{
    private const int StackBytes = 64 * 1024 * 1024;
    private const int MaxIdle = 2;
    private static readonly ConcurrentBag<Worker> Idle = [];

    public static LoadResult Run(Func<LoadResult> load)
    {
        if (!Idle.TryTake(out var worker))
        {
            worker = new Worker();
        }

        var (result, failure) = worker.Run(load);
        if (failure is null && result is { Success: true } && Idle.Count < MaxIdle)
        {
            Idle.Add(worker);
        }
        else
        {
            worker.Stop();
        }

        if (failure is not null)
        {
            // A bug of ours, not of the map: keep the stack trace.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return result!;
    }

    private sealed class Worker
    {
        // Events that block without spinning: a spinning wait burns a core that, on a small machine,
        // the load itself (or the host serving decisions) needs.
        private readonly ManualResetEventSlim _start = new(false, spinCount: 0);
        private readonly ManualResetEventSlim _done = new(false, spinCount: 0);
        private Func<LoadResult>? _load;
        private LoadResult? _result;
        private Exception? _failure;

        public Worker() =>
            new Thread(Loop, StackBytes) { IsBackground = true, Name = "decisioning-map-loader" }.Start();

        public (LoadResult? Result, Exception? Failure) Run(Func<LoadResult> load)
        {
            _load = load;
            _start.Set();
            _done.Wait();
            _done.Reset();
            var outcome = (_result, _failure);
            (_load, _result, _failure) = (null, null, null);
            return outcome;
        }

        public void Stop()
        {
            _load = null;
            _start.Set();
        }

        private void Loop()
        {
            while (true)
            {
                _start.Wait();
                _start.Reset();
                if (_load is not { } load)
                {
                    return;
                }

                try
                {
                    _result = load();
                }
                catch (Exception e)
                {
                    _failure = e;
                }

                _done.Set();
            }
        }
    }
}
