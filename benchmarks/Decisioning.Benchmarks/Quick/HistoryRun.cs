using System.Diagnostics;
using System.Globalization;
using System.Text;
using Decisioning.Benchmarks.Inputs;
using Decisioning.Hosting;
using Decisioning.History.Sqlite;
using Decisioning.Snapshots;
using Microsoft.Extensions.DependencyInjection;

namespace Decisioning.Benchmarks.Quick;

/// <summary>
/// <c>--history [LINES]</c>: the interaction history's cost, side by side in one run, with a
/// stopwatch (benchmarks/README.md, "Interaction history"):
/// <list type="bullet">
/// <item><c>evaluate</c> over LINES customers (the sample's, repeated under new ids), in this
/// process, without a history and with a fresh SQLite history (offers recorded as contacts), then
/// again a day later on the same history, so that every decision reads the contacts of the first
/// run; rounds alternate off and on, and each on-run's time includes writing its queue out;</item>
/// <item>the engine (<c>IDecisionEngine.Decide</c>) on one thread over parsed snapshots, without
/// and with a SQLite history;</item>
/// <item><c>history import --outcomes</c> of 1,000,000 outcome lines into a fresh SQLite file.</item>
/// </list>
/// </summary>
public static class HistoryRun
{
    private const int Rounds = 3;
    private const int ImportLines = 1_000_000;
    private static readonly string Day1 = "2026-11-20T00:00:00Z";
    private static readonly string Day3 = "2026-11-22T00:00:00Z";

    public static int Run(string[] args, TextWriter output)
    {
        var lines = Array.IndexOf(args, "--history") is var at && at + 1 < args.Length && int.TryParse(args[at + 1], out var n) ? n : 60_000;
        var folder = Directory.CreateTempSubdirectory("decisioning-history-bench-").FullName;
        try
        {
            var customers = Path.Combine(folder, "customers.jsonl");
            WriteCustomers(customers, lines);
            output.WriteLine($"history benchmark: {lines:N0} customers, sample map, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

            // Warm-up: every path jitted once before anything is timed.
            Evaluate(customers, Day1, null, folder, lines: 3000);
            Evaluate(customers, Day1, Path.Combine(folder, "warm.db"), folder, lines: 3000);

            var ratios = new List<double>();
            var ratiosRead = new List<double>();
            var cpuRatios = new List<double>();
            var cpuRatiosRead = new List<double>();
            for (var round = 1; round <= Rounds; round++)
            {
                var db = Path.Combine(folder, $"round{round}.db");
                var (off1, off1Cpu) = Evaluate(customers, Day1, null, folder);
                var (on1, on1Cpu) = Evaluate(customers, Day1, db, folder);
                var (off3, off3Cpu) = Evaluate(customers, Day3, null, folder);
                var (on3, on3Cpu) = Evaluate(customers, Day3, db, folder);
                ratios.Add(off1 / on1);
                ratiosRead.Add(off3 / on3);
                cpuRatios.Add(off1Cpu / on1Cpu);
                cpuRatiosRead.Add(off3Cpu / on3Cpu);
                output.WriteLine(Invariant($"evaluate round {round}: off {lines / off1,8:F0} /s, on {lines / on1,8:F0} /s ({off1 / on1:P0}); a day later, reading the first run's contacts: off {lines / off3,8:F0} /s, on {lines / on3,8:F0} /s ({off3 / on3:P0})"));
                output.WriteLine(Invariant($"  process CPU a decision: off {off1Cpu * 1e6 / lines,6:F1} us, on {on1Cpu * 1e6 / lines,6:F1} us ({off1Cpu / on1Cpu:P0}); a day later: off {off3Cpu * 1e6 / lines,6:F1} us, on {on3Cpu * 1e6 / lines,6:F1} us ({off3Cpu / on3Cpu:P0})"));
            }

            output.WriteLine(Invariant($"evaluate with a SQLite history: median {Median(ratios):P0} of the decisions per second without (first day), {Median(ratiosRead):P0} (a day later)"));
            output.WriteLine(Invariant($"evaluate with a SQLite history, by process CPU time: median {Median(cpuRatios):P0} of the decisions per CPU second without (first day), {Median(cpuRatiosRead):P0} (a day later)"));

            var (engineOff, engineOn) = Engine(folder, output);
            output.WriteLine(Invariant($"engine, one thread: off {engineOff,8:F0} /s, on {engineOn,8:F0} /s ({engineOn / engineOff:P0})"));

            var outcomes = Path.Combine(folder, "outcomes.jsonl");
            WriteOutcomes(outcomes, ImportLines);
            var import = Stopwatch.StartNew();
            var exit = Cli("history", "import", "--outcomes", outcomes, "--db", Path.Combine(folder, "import.db"));
            import.Stop();
            output.WriteLine(Invariant($"history import --outcomes: {ImportLines:N0} lines in {import.Elapsed.TotalSeconds:F1} s ({ImportLines / import.Elapsed.TotalSeconds:F0} lines/s), exit {exit}"));
            return exit;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // Seconds of wall clock and of process CPU for `evaluate` over the first `lines` customers; with a database, offers are contacts.
    private static (double Wall, double Cpu) Evaluate(string customers, string at, string? db, string folder, int? lines = null)
    {
        var input = customers;
        if (lines is { } count)
        {
            input = Path.Combine(folder, $"first-{count}.jsonl");
            File.WriteAllLines(input, File.ReadLines(customers).Take(count));
        }

        string[] args = ["evaluate", Samples.MapPath, "--customers", input, "--at", at, "--out", Path.Combine(folder, "decisions.jsonl")];
        if (db is not null)
        {
            args = [.. args, "--db", db, "--offers-are-contacts"];
        }

        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var exit = Cli(args);
        clock.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return exit == 0 ? (clock.Elapsed.TotalSeconds, cpu.TotalSeconds) : throw new InvalidOperationException($"evaluate exited {exit}");
    }

    /// <summary>
    /// <c>--profile history [seconds]</c>: the engine on one thread with a fresh SQLite history
    /// (offers are contacts), deciding the sample snapshots in a loop, for <c>perf</c>; then the
    /// queue is written out.
    /// </summary>
    public static int Profile(double seconds, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("decisioning-history-profile-").FullName;
        try
        {
            var snapshots = File.ReadLines(Samples.CustomersPath).Select(CustomerSnapshot.FromJson).ToArray();
            var at = new DateTimeOffset(Samples.At);
            using var provider = EngineServices(folder, history: true);
            var engine = provider.GetRequiredService<IDecisionEngine>();
            var recorder = provider.GetRequiredService<Recording.HistoryRecorder>();
            foreach (var snapshot in snapshots)
            {
                engine.Decide("retail-wealth", snapshot, at.AddDays(-1));
            }

            recorder.FlushAsync().GetAwaiter().GetResult();
            var started = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var decided = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                engine.Decide("retail-wealth", snapshots[decided % snapshots.Length], at.AddSeconds(decided));
                decided++;
            }

            recorder.StopAsync().GetAwaiter().GetResult();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - started;
            output.WriteLine(Invariant($"history: {decided:N0} decisions in {seconds} s, {clock.Elapsed.TotalSeconds:F1} s with the queue written ({recorder.Counts.Written:N0} records); CPU {cpu.TotalMicroseconds / decided:F1} us a decision"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// <c>--profile history-parts</c>: what a decision with a SQLite history costs, part by part,
    /// each part run alone on this thread over the same 20,000 decisions (process CPU time, so
    /// that other work on the machine counts less than it does in wall time): deciding without a
    /// history, writing the decision line, appending decisions, offers and contacts in batches of
    /// 500 (then again each kind of row alone, and with lines of two bytes), and a decision's read.
    /// </summary>
    public static int Parts(TextWriter output, double readSeconds = 0)
    {
        const int count = 20_000;
        var folder = Directory.CreateTempSubdirectory("decisioning-history-parts-").FullName;
        try
        {
            var snapshots = File.ReadLines(Samples.CustomersPath).Select(CustomerSnapshot.FromJson).ToArray();
            var at = new DateTimeOffset(Samples.At);
            using var provider = EngineServices(folder, history: false);
            var engine = provider.GetRequiredService<IDecisionEngine>();
            var decisions = new Evaluation.Decision[count];
            var ids = new string[count];
            var lines = new string[count];
            for (var round = 0; round < 2; round++)
            {
                Part(output, "decide (no history)", count, i => decisions[i] = engine.Decide("retail-wealth", snapshots[i % snapshots.Length], at.AddSeconds(i)));
                Part(output, "decision line (JSON)", count, i => lines[i] = Serialization.DecisionJson.ToJson(decisions[i]));
                Part(output, "  in UTF-8, from the record", count, i => Serialization.DecisionJson.ToUtf8(decisions[i]));
            }

            // What storing the line compressed would cost and save (not what the store does).
            var utf8Lines = lines.Select(Encoding.UTF8.GetBytes).ToArray();
            var packed = new byte[64 * 1024];
            long brotli = 0, deflate = 0, raw = utf8Lines.Sum(l => (long)l.Length);
            Part(output, "  line, Brotli quality 1", count, i =>
            {
                System.IO.Compression.BrotliEncoder.TryCompress(utf8Lines[i], packed, out var written, 1, 18);
                brotli += written;
            });
            Part(output, "  line, Deflate fastest", count, i =>
            {
                using var memory = new MemoryStream(packed);
                using (var zip = new System.IO.Compression.DeflateStream(memory, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
                {
                    zip.Write(utf8Lines[i]);
                }

                deflate += memory.Position;
            });
            output.WriteLine(Invariant($"  line bytes: {raw / (double)count:F0} a decision; Brotli 1: {brotli / (double)count:F0}; Deflate fastest: {deflate / (double)count:F0}"));

            // The same line written from the evaluator's buffer (the plan's pre-encoded texts), as
            // evaluate writes it: DecideInto alone, then DecideInto and the line.
            var plan = Samples.Load(Samples.MapPath);
            var customers = snapshots.Select(s => s.Read(plan).Customer!).ToArray();
            var evaluator = new Evaluation.Evaluator(plan);
            var buffer = new Evaluation.DecisionBuffer(plan);
            for (var round = 0; round < 2; round++)
            {
                Part(output, "  DecideInto alone", count, i => evaluator.DecideInto(customers[i % customers.Length], Samples.At, buffer));
                Part(output, "  DecideInto, from the buffer", count, i =>
                {
                    evaluator.DecideInto(customers[i % customers.Length], Samples.At, buffer);
                    Serialization.DecisionJson.ToUtf8(buffer);
                });
            }

            for (var i = 0; i < count; i++)
            {
                ids[i] = decisions[i].CustomerId;
            }

            var batches = new List<History.HistoryBatch>();
            const int batchSize = 500;
            foreach (var chunk in lines.Chunk(batchSize))
            {
                var stored = new List<History.StoredDecision>();
                var offers = new List<History.OfferEntry>();
                foreach (var line in chunk)
                {
                    Serialization.DecisionLines.TryRead(line, null, History.OfferRoles.Served, out var decision, out var actions);
                    stored.Add(decision!);
                    offers.AddRange(actions);
                }

                batches.Add(new History.HistoryBatch(stored, offers, [.. Serialization.DecisionLines.AsContacts(offers)], []));
            }

            using var store = new SqliteHistory(Path.Combine(folder, "parts.db"));
            Part(output, "append (batches of 500)", count, i =>
            {
                if (i % batchSize == 0)
                {
                    store.Append(batches[i / batchSize]);
                }
            });
            // The append again, each kind of row alone (a fresh file each, the process warm by now).
            foreach (var (name, pick) in new (string, Func<History.HistoryBatch, History.HistoryBatch>)[]
            {
                ("  decisions only", b => b with { Offers = [], Contacts = [] }),
                ("  decisions, offers", b => b with { Contacts = [] }),
                ("  decisions, contacts", b => b with { Offers = [] }),
                ("  all, lines of 2 bytes", b => b with { Decisions = [.. b.Decisions.Select(d => d with { Line = "{}" })] }),
                ("  all, lines as text", b => b),
                // As the engine and evaluate queue them: each line held in the UTF-8 it was written in.
                ("  all", b => b with { Decisions = [.. b.Decisions.Select(Utf8)] }),
            })
            {
                using var split = new SqliteHistory(Path.Combine(folder, $"split-{name.Trim().Replace(' ', '-').Replace(",", "")}.db"));
                var picked = batches.Select(pick).ToList();
                Part(output, name, count, i =>
                {
                    if (i % batchSize == 0)
                    {
                        split.Append(picked[i / batchSize]);
                    }
                });
            }

            for (var round = 0; round < 2; round++)
            {
                Part(output, "read (one customer)", count, i => store.Read(ids[i], Samples.At.AddDays(-90), Samples.At.AddDays(1)));
            }

            // --profile history-read SECONDS: the read alone in a loop, for perf.
            if (readSeconds > 0)
            {
                var clock = Stopwatch.StartNew();
                var reads = 0L;
                while (clock.Elapsed.TotalSeconds < readSeconds)
                {
                    store.Read(ids[(int)(reads++ % count)], Samples.At.AddDays(-90), Samples.At.AddDays(1));
                }

                output.WriteLine(Invariant($"read loop: {reads:N0} reads in {readSeconds} s"));
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static History.StoredDecision Utf8(History.StoredDecision d) =>
        new(d.CustomerId, d.At, d.Map, d.Version, d.MapHash, Encoding.UTF8.GetBytes(d.Line), d.Snapshot, d.Role);

    private static void Part(TextWriter output, string name, int count, Action<int> work)
    {
        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var thread = ThreadCpuClock.Now();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            work(i);
        }

        clock.Stop();
        thread = ThreadCpuClock.Now() - thread;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        output.WriteLine(Invariant($"{name,-26} {cpu.TotalMicroseconds / count,7:F1} us CPU ({thread / 1000.0 / count,5:F1} us this thread), {clock.Elapsed.TotalMicroseconds / count,7:F1} us wall a decision"));
    }

    private static ServiceProvider EngineServices(string folder, bool history)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDecisioning(d =>
        {
            d.AddMap("retail-wealth", Samples.MapPath);
            d.Configure(o => o.WatchForChanges = false);
            if (history)
            {
                d.UseSqliteHistory(Path.Combine(folder, $"engine-{Guid.NewGuid():N}.db"), o => o.OffersAreContacts = true);
            }
        });
        return services.BuildServiceProvider();
    }

    private static (double Off, double On) Engine(string folder, TextWriter output)
    {
        var snapshots = File.ReadLines(Samples.CustomersPath).Select(CustomerSnapshot.FromJson).ToArray();
        var at = new DateTimeOffset(Samples.At);
        double Rate(bool history)
        {
            using var provider = EngineServices(folder, history);
            var engine = provider.GetRequiredService<IDecisionEngine>();
            for (var i = 0; i < snapshots.Length; i++)
            {
                engine.Decide("retail-wealth", snapshots[i], at);
            }

            var best = 0.0;
            var total = 0L;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var repeat = 0; repeat < 3; repeat++)
            {
                var clock = Stopwatch.StartNew();
                var decided = 0;
                while (clock.Elapsed < TimeSpan.FromSeconds(3))
                {
                    engine.Decide("retail-wealth", snapshots[decided % snapshots.Length], at.AddSeconds(decided));
                    decided++;
                }

                best = Math.Max(best, decided / clock.Elapsed.TotalSeconds);
                total += decided;
            }

            if (provider.GetService<Recording.HistoryRecorder>() is { } recorder)
            {
                recorder.StopAsync().GetAwaiter().GetResult();
                output.WriteLine(Invariant($"engine history queue: {recorder.Counts.Written:N0} written, {recorder.Counts.Dropped:N0} dropped"));
            }

            // Every thread's CPU (the writer's too, its queue written out), over every decision of the three loops.
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            output.WriteLine(Invariant($"engine {(history ? "on" : "off")}: process CPU {cpu.TotalMicroseconds / total:F1} us a decision"));
            return best;
        }

        var off = Rate(history: false);
        var on = Rate(history: true);
        return (off, on);
    }

    // The sample customers repeated under new ids (C00001 -> C00001-r2), so every line is a customer of its own.
    private static void WriteCustomers(string path, int lines)
    {
        var sample = File.ReadAllLines(Samples.CustomersPath);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < lines; i++)
        {
            var line = sample[i % sample.Length];
            var repeat = i / sample.Length;
            writer.WriteLine(repeat == 0 ? line : IdSuffix(line, $"-r{repeat}"));
        }
    }

    private static string IdSuffix(string line, string suffix)
    {
        const string key = "\"customerId\":\"";
        var start = line.IndexOf(key, StringComparison.Ordinal);
        var end = line.IndexOf('"', start + key.Length);
        return string.Concat(line.AsSpan(0, end), suffix, line.AsSpan(end));
    }

    private static void WriteOutcomes(string path, int lines)
    {
        string[] products = ["pension-fund", "credit-card", "fund-sip", "cash-plus", "digital-gold"];
        string[] kinds = ["responded", "declined", "converted"];
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < lines; i++)
        {
            var at = start.AddSeconds(i * 2.5);
            writer.WriteLine(Invariant($"{{\"customerId\":\"C{i % 200_000:D6}\",\"at\":\"{at:yyyy-MM-ddTHH:mm:ss.fZ}\",\"product\":\"{products[i % products.Length]}\",\"kind\":\"{kinds[i % kinds.Length]}\",\"value\":{i % 7 * 100}}}"));
        }
    }

    private static int Cli(params string[] args) => Decisioning.Cli.Program.Run(args, TextWriter.Null, TextWriter.Null);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
