using BenchmarkDotNet.Attributes;
using Decisioning.Benchmarks.Inputs;
using Decisioning.Hosting;
using Decisioning.Snapshots;
using Microsoft.Extensions.DependencyInjection;

namespace Decisioning.Benchmarks.Suites;

/// <summary>
/// The served path of <see cref="IDecisionEngine.Decide(string, CustomerSnapshot, DateTimeOffset)"/>
/// with and without a shadow map, side by side: the sample map serving, the same sample map as its
/// shadow (so the shadow does as much work as the served map), default shadow options (one worker,
/// a full queue drops). The shadow worker runs while the caller is measured, as in production; what
/// the caller pays is the queue write and the competition for the machine. The third row holds
/// the worker on one snapshot (an observer that waits), so that every call pays the queue write
/// of a full queue and a drop while nothing competes for the cores: the caller's own cost. The
/// fourth row is the floor any shadow that decides on another core has on this machine: the
/// caller decides alone while a thread that shares nothing with it (its own evaluator, buffer and
/// customers read in advance, nothing allocated, nothing handed over) makes one decision of the
/// same map for each served one, sleeping when it has caught up: the shadow's work without the
/// shadow.
/// </summary>
[MemoryDiagnoser]
public class ShadowBenchmarks
{
    private const string MapId = "retail-wealth";
    private ServiceProvider _alone = null!;
    private ServiceProvider _shadowed = null!;
    private ServiceProvider _held = null!;
    private IDecisionEngine _aloneEngine = null!;
    private IDecisionEngine _shadowedEngine = null!;
    private IDecisionEngine _heldEngine = null!;
    private readonly Holding _holding = new();
    private CustomerSnapshot[] _snapshots = null!;
    private int _next;
    private PacedNeighbour? _neighbour;

    [GlobalSetup(Targets = [nameof(Engine_Decide), nameof(Engine_Decide_WithShadow), nameof(Engine_Decide_WithShadow_WorkerHeld)])]
    public void Setup()
    {
        _alone = Engine(d => d.AddMap(MapId, Samples.MapPath));
        _shadowed = Engine(d => d.AddMap(MapId, Samples.MapPath).AddShadow(MapId, Samples.MapPath));
        _held = Engine(d => d.AddMap(MapId, Samples.MapPath).AddShadow(MapId, Samples.MapPath).AddShadowObserver(_holding)
            .Configure(o => o.ShadowQueueCapacity = 1));
        _aloneEngine = _alone.GetRequiredService<IDecisionEngine>();
        _shadowedEngine = _shadowed.GetRequiredService<IDecisionEngine>();
        _heldEngine = _held.GetRequiredService<IDecisionEngine>();
        _snapshots = [.. File.ReadLines(Samples.CustomersPath).Take(Samples.Count).Select(CustomerSnapshot.FromJson)];
        var at = new DateTimeOffset(Samples.At);
        foreach (var snapshot in _snapshots)
        {
            // The same decision either way: the shadow never changes what the caller gets.
            if (_aloneEngine.Decide(MapId, snapshot, at) is var a && _shadowedEngine.Decide(MapId, snapshot, at) is var b &&
                Decisioning.Serialization.DecisionJson.ToJson(a) != Decisioning.Serialization.DecisionJson.ToJson(b))
            {
                throw new InvalidOperationException($"customer {a.CustomerId}: the shadowed engine served another decision");
            }
        }
    }

    [GlobalSetup(Target = nameof(Engine_Decide_WithPacedNeighbour))]
    public void SetupNeighbour()
    {
        Setup();
        _neighbour = new PacedNeighbour(_snapshots);
    }

    [GlobalCleanup(Target = nameof(Engine_Decide_WithPacedNeighbour))]
    public void CleanupNeighbour()
    {
        _neighbour?.Dispose();
        Cleanup();
    }

    [GlobalCleanup(Targets = [nameof(Engine_Decide), nameof(Engine_Decide_WithShadow), nameof(Engine_Decide_WithShadow_WorkerHeld)])]
    public void Cleanup()
    {
        _holding.Release.Set();
        _alone.Dispose();
        _shadowed.Dispose();
        _held.Dispose();
    }

    [Benchmark(Baseline = true)]
    public object Engine_Decide() => _aloneEngine.Decide(MapId, Next(), Samples.At);

    [Benchmark]
    public object Engine_Decide_WithShadow() => _shadowedEngine.Decide(MapId, Next(), Samples.At);

    [Benchmark]
    public object Engine_Decide_WithShadow_WorkerHeld() => _heldEngine.Decide(MapId, Next(), Samples.At);

    [Benchmark]
    public object Engine_Decide_WithPacedNeighbour()
    {
        // One neighbour decision owed for each served one.
        _neighbour!.Owe();
        return _aloneEngine.Decide(MapId, Next(), Samples.At);
    }

    private CustomerSnapshot Next() => _snapshots[_next++ & (Samples.Count - 1)];

    private static ServiceProvider Engine(Action<DecisioningBuilder> configure) =>
        new ServiceCollection().AddDecisioning(configure).BuildServiceProvider();

    // Keeps the shadow worker waiting on its first snapshot until the benchmark ends.
    private sealed class Holding : IShadowObserver
    {
        public ManualResetEventSlim Release { get; } = new();

        public void OnShadowDecision(ShadowDecision decision) => Release.Wait();
    }
}
