using Decisioning.Evaluation;
using Decisioning.Snapshots;

namespace Decisioning.Benchmarks.Inputs;

/// <summary>
/// The floor of any shadow that decides on another core: a thread that shares nothing with the
/// caller (its own evaluator, buffer and customers read in advance, nothing allocated, nothing
/// handed over) and makes one decision of the sample map for each one the caller owes it
/// (<see cref="Owe"/>), sleeping when it has caught up.
/// </summary>
internal sealed class PacedNeighbour : IDisposable
{
    private readonly Thread _thread;
    private long _owed;
    private volatile bool _stop;

    public PacedNeighbour(IReadOnlyList<CustomerSnapshot> snapshots)
    {
        var plan = Samples.Load(Samples.MapPath);
        var customers = snapshots.Select(s => s.Read(plan).Customer!).ToArray();
        var evaluator = new Evaluator(plan);
        var buffer = new DecisionBuffer(plan);
        _thread = new Thread(() =>
        {
            long decided = 0;
            while (!_stop)
            {
                if (decided < Volatile.Read(ref _owed))
                {
                    evaluator.DecideInto(customers[decided % customers.Length], Samples.At, buffer);
                    decided++;
                }
                else
                {
                    Thread.Sleep(1);
                }
            }
        }) { IsBackground = true };
        _thread.Start();
    }

    /// <summary>One more decision owed; called by one thread only, the one being measured.</summary>
    public void Owe() => Volatile.Write(ref _owed, _owed + 1);

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
