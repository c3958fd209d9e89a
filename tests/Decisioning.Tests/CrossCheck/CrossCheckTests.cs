using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Decisioning.Evaluation;
using Xunit;
using Xunit.Abstractions;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.CrossCheck;

/// <summary>
/// The engine against <see cref="ReferenceEvaluator"/> on random maps and customers: every
/// decision must be the same JSON line. Seeds are logged; set <c>CROSSCHECK_SEED</c> (first seed)
/// and <c>CROSSCHECK_MAPS</c> (how many) to replay or to run longer.
/// </summary>
public sealed class CrossCheckTests(ITestOutputHelper output)
{
    private static int FirstSeed => int.TryParse(Environment.GetEnvironmentVariable("CROSSCHECK_SEED"), out var s) ? s : 20261123;

    private static int MapCount => int.TryParse(Environment.GetEnvironmentVariable("CROSSCHECK_MAPS"), out var n) ? n : 500;

    [Fact]
    public void Decide_RandomMapsAndCustomers_AgreesWithReference()
    {
        // Maps are independent: check them on every core (loading a map dominates the time).
        var failures = new ConcurrentDictionary<int, string>();
        var reasons = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        Parallel.For(FirstSeed, FirstSeed + MapCount, (seed, loop) =>
        {
            if (CheckOne(seed, reasons) is { } failure)
            {
                failures[seed] = failure;
                if (failures.Count >= 5)
                {
                    loop.Stop();
                }
            }
        });

        output.WriteLine($"maps from seed {FirstSeed}: {MapCount} in {watch.Elapsed.TotalSeconds:0.0} s; gate outcomes: " +
            string.Join(", ", reasons.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}")));
        Assert.True(failures.IsEmpty, string.Join("\n\n", failures.OrderBy(f => f.Key).Select(f => f.Value)));
    }

    /// <summary>One map and its customers; the first disagreement, with everything needed to replay it.</summary>
    internal static string? CheckOne(int seed, ConcurrentDictionary<string, int> reasons)
    {
        var (map, at) = new MapGenerator(seed).Next();
        var loaded = RandomMapFiles.Load(map, seed);
        if (!loaded.Result.Success)
        {
            return $"seed {seed}: the engine refused a valid map:\n" +
                string.Join("\n", loaded.Result.Diagnostics) + "\n" + loaded.Yaml;
        }

        var reader = new SnapshotReader(loaded.Result.Plan!);
        var evaluator = new Evaluator(loaded.Result.Plan!);
        var lines = new LineDecider(loaded.Result.Plan!);
        var buffer = new ArrayBufferWriter<byte>();
        var customers = new CustomerGenerator(new Random(seed), map, at);
        for (var i = 0; i < 30; i++)
        {
            var customer = customers.Next();
            var json = SnapshotJson.Write(map, customer, idLast: i % 5 == 4);
            var (record, error) = reader.Read(json);
            if (error is not null)
            {
                return $"seed {seed}, customer {i}: the engine refused a valid snapshot: {DecisionJson.ToJson(error)}\n{json}\n{loaded.Yaml}";
            }

            string actual, line;
            try
            {
                actual = DecisionJson.ToJson(evaluator.Decide(record!, at));

                // The command line's path (evaluate, batch) decides through LineDecider: check it too.
                buffer.Clear();
                lines.Decide(json, at, buffer);
                line = Encoding.UTF8.GetString(buffer.WrittenSpan);
            }
            catch (Exception e)
            {
                return $"seed {seed}, customer {i}: the engine threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}\nsnapshot:  {json}\n{loaded.Yaml}";
            }

            var reference = ReferenceEvaluator.Decide(map, customer, at) with { MapHash = loaded.MapHash };
            var expected = ReferenceJson.ToJson(reference);
            foreach (var t in reference.Trace)
            {
                reasons.AddOrUpdate(t.Reason ?? "selected", 1, (_, n) => n + 1);
            }

            if (actual != expected || line != expected)
            {
                return new StringBuilder()
                    .AppendLine($"seed {seed}, customer {i}, at {IsoText.DecisionAt(at)}: decisions differ")
                    .AppendLine($"engine:    {actual}")
                    .AppendLine($"line:      {line}")
                    .AppendLine($"reference: {expected}")
                    .AppendLine($"snapshot:  {json}")
                    .AppendLine(loaded.Yaml)
                    .ToString();
            }
        }

        return null;
    }
}
