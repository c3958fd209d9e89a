using System.Collections.Concurrent;
using System.Diagnostics;
using Decisioning.Hosting;
using Decisioning.Snapshots;
using Decisioning.Telemetry;
using Xunit;
using Xunit.Abstractions;

namespace Decisioning.Tests.Hosting;

/// <summary>
/// Decisions from 8 threads for 10 seconds while the map file is rewritten 100 times, valid and
/// broken versions alternating: no decision fails, each is made by exactly one whole version (its
/// version, script and score all name the same N), no broken version ever serves, and the reload
/// counter counts both outcomes.
/// </summary>
public class ReloadStressTests(ITestOutputHelper output)
{
    private const int Threads = 8;
    private const int Rewrites = 100;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    [Fact]
    public void Decide_WhileTheMapIsRewrittenValidAndBroken_EveryDecisionIsOneWholeServedVersion()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(0));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath).Configure(o => o.ReloadDebounce = TimeSpan.FromMilliseconds(20)));
        using var reloads = fixture.Collect<long>(DecisioningTelemetry.Instruments.MapReloads);
        var engine = fixture.Engine;
        var snapshot = CustomerSnapshot.FromJson(DemoMap.CustomerJson);
        var violations = new ConcurrentQueue<string>();
        var decisions = new long[Threads];
        var validWritten = new ConcurrentDictionary<int, bool> { [0] = true };
        using var stop = new CancellationTokenSource();

        var deciders = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var last = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var decision = engine.Decide(DemoMap.Id, snapshot, DemoMap.At);
                    var n = DemoMap.VersionNumber(decision.Version);
                    var action = decision.Actions.Single();
                    if (n < 0 || !validWritten.ContainsKey(n) || action.Script != $"v{n} for Wang" || action.Score != n)
                    {
                        violations.Enqueue($"mixed or broken version: {DecisioningJson.Serialize(decision)}");
                    }

                    if (n < last)
                    {
                        violations.Enqueue($"thread {t} went back from v{last} to v{n}");
                    }

                    last = n;
                    decisions[t]++;
                }
                catch (Exception e)
                {
                    violations.Enqueue(e.ToString());
                }
            }
        }) { IsBackground = true, Name = $"decider-{t}" }).ToList();

        var clock = Stopwatch.StartNew();
        deciders.ForEach(d => d.Start());
        var pace = Duration / Rewrites;
        var observed = 0;
        for (var i = 1; i <= Rewrites; i++)
        {
            var failuresBefore = fixture.Engine.GetMap(DemoMap.Id)!.LastFailure;
            if (i % 2 == 0)
            {
                validWritten[i] = true;
                folder.Write(DemoMap.Valid(i));
                observed += Wait(() => engine.GetMap(DemoMap.Id)!.Version == $"v{i}");
            }
            else
            {
                folder.Write(DemoMap.Broken(i));
                observed += Wait(() => !ReferenceEquals(engine.GetMap(DemoMap.Id)!.LastFailure, failuresBefore) &&
                                       engine.GetMap(DemoMap.Id)!.LastFailure is not null);
            }

            var due = pace * i;
            if (clock.Elapsed < due)
            {
                Thread.Sleep(due - clock.Elapsed);
            }
        }

        stop.Cancel();
        deciders.ForEach(d => d.Join());
        var counts = reloads.GetMeasurementSnapshot();
        var succeeded = counts.Where(m => m.ContainsTags(new KeyValuePair<string, object?>(DecisioningTelemetry.Tags.ReloadResult, "succeeded"))).Sum(m => m.Value);
        var failed = counts.Where(m => m.ContainsTags(new KeyValuePair<string, object?>(DecisioningTelemetry.Tags.ReloadResult, "failed"))).Sum(m => m.Value);
        output.WriteLine($"{decisions.Sum()} decisions in {clock.Elapsed}; {observed}/{Rewrites} rewrites observed; reloads: {succeeded} succeeded, {failed} failed");

        Assert.Empty(violations.Take(10));
        Assert.All(decisions, count => Assert.True(count > 0, "every thread decided"));
        Assert.True(clock.Elapsed >= Duration, $"ran {clock.Elapsed}");
        Assert.True(observed >= Rewrites * 9 / 10, $"only {observed} of {Rewrites} rewrites were picked up in time");
        Assert.True(succeeded >= Rewrites / 2 * 9 / 10, $"{succeeded} successful reloads");
        Assert.True(failed >= Rewrites / 2 * 9 / 10, $"{failed} failed reloads");
        Assert.Equal("v100", engine.GetMap(DemoMap.Id)!.Version);
    }

    // Waits up to 5 s for the engine to pick a rewrite up; 1 when it did. Generous, because the
    // eight deciders keep both cores of a CI machine busy while the loader thread waits its turn.
    private static int Wait(Func<bool> picked)
    {
        var deadline = Environment.TickCount64 + 5000;
        while (!picked())
        {
            if (Environment.TickCount64 > deadline)
            {
                return 0;
            }

            Thread.Sleep(2);
        }

        return 1;
    }
}
