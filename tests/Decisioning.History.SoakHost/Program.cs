using System.Globalization;
using System.Text.Json;
using Decisioning.History.Postgres;
using Decisioning.History.Sqlite;
using Decisioning.Hosting;
using Decisioning.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Decisioning.History.SoakHost;

/// <summary>
/// One host of the history's multi-process tests. Arguments (all <c>--name value</c>):
/// <c>--map PATH</c>; <c>--sqlite PATH</c> or <c>--postgres CS</c>; <c>--process 0|1</c> (the
/// parity of every decision time, so two processes never decide at the same instant);
/// <c>--threads N</c>, <c>--seconds S</c>, <c>--rate R</c> (decisions a second per thread),
/// <c>--customers C</c>, <c>--origin UNIX_MS|stdin</c>: decide for S seconds from the origin (with
/// <c>stdin</c>, print <c>ready</c> and read the origin from stdin); or <c>--decide K</c>: decide K times on one thread,
/// print <c>decided K</c>, then wait to be stopped (SIGTERM) or killed. <c>--queue Q</c>,
/// <c>--batch B</c>, <c>--slow-ms M</c> (each batch written M ms late), <c>--shutdown-ms T</c>.
/// Decision times run one simulated day per real second from 2026-11-01. Logs go to stdout; the
/// last line is a JSON summary: decisions made, actions, and the history queue's counts.
/// </summary>
internal static class Program
{
    private static readonly DateTime Base = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddProvider(new StdoutLoggerProvider());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(options.Int("shutdown-ms", 30_000)));
        builder.Services.AddDecisioning(d =>
        {
            d.AddMap("tiny", Path.GetFullPath(options.Text("map")!));
            d.Configure(o => o.WatchForChanges = false);
            void Configure(HistoryOptions o)
            {
                o.OffersAreContacts = true;
                o.QueueCapacity = options.Int("queue", 10_000);
                o.BatchSize = options.Int("batch", 500);
            }

            var slow = options.Int("slow-ms", 0);
            if (options.Text("postgres") is { } connectionString)
            {
                d.UsePostgresHistory(connectionString, Configure);
            }
            else if (slow > 0)
            {
                d.UseHistory(_ => new SlowHistory(new SqliteHistory(options.Text("sqlite")!), slow), Configure);
            }
            else
            {
                d.UseSqliteHistory(options.Text("sqlite")!, Configure);
            }
        });
        using var host = builder.Build();
        await host.StartAsync();
        var engine = host.Services.GetRequiredService<IDecisionEngine>();
        var recorder = host.Services.GetRequiredService<IHistoryRecorder>();
        var decider = new Decider(engine, options.Int("process", 0), options.Int("customers", 200));

        if (options.Int("decide", 0) is var count and > 0)
        {
            for (var i = 0; i < count; i++)
            {
                decider.DecideOne(Random.Shared, TimeSpan.FromMilliseconds(i));
            }

            Console.Out.WriteLine($"decided {count}");
            Console.Out.Flush();
            await host.WaitForShutdownAsync();
        }
        else
        {
            var threads = options.Int("threads", 8);
            var seconds = options.Int("seconds", 10);
            var pause = TimeSpan.FromSeconds(1.0 / options.Int("rate", 100));
            // A real-time origin shared by both processes (Unix milliseconds), so that one
            // simulated instant is one real instant in each: decisions start there.
            // With --origin stdin: "ready" once started, then the origin is the line the test sends
            // when every process is ready (a start-up under load may take many seconds).
            var unix = options.Text("origin");
            if (unix == "stdin")
            {
                Console.Out.WriteLine("ready");
                Console.Out.Flush();
                unix = Console.In.ReadLine();
            }

            var origin = unix is not null
                ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(unix, CultureInfo.InvariantCulture)).UtcDateTime
                : DateTime.UtcNow;
            if (origin - DateTime.UtcNow is var wait && wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                var random = new Random(options.Int("process", 0) * 1000 + t);
                while (DateTime.UtcNow - origin is var elapsed && elapsed < TimeSpan.FromSeconds(seconds))
                {
                    decider.DecideOne(random, elapsed);
                    Thread.Sleep(pause);
                }
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
            await host.StopAsync();
        }

        var counts = recorder.Counts;
        Console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, long>
        {
            ["decisions"] = decider.Decisions,
            ["actions"] = decider.Actions,
            ["written"] = counts.Written,
            ["dropped"] = counts.Dropped,
            ["failed"] = counts.Failed,
            ["unwritten"] = counts.Pending,
        }));
        return 0;
    }

    /// <summary>Decides for random customers at simulated times; counts decisions and actions.</summary>
    private sealed class Decider(IDecisionEngine engine, int process, int customers)
    {
        private long _decisions, _actions, _sequence;

        public long Decisions => Interlocked.Read(ref _decisions);

        public long Actions => Interlocked.Read(ref _actions);

        public void DecideOne(Random random, TimeSpan elapsed)
        {
            // One simulated day per real second; the low ticks make every decision's time unique:
            // a sequence number within the process, and the process's parity.
            var ticks = elapsed.Ticks * 86_400 / 10_000 * 10_000;
            var at = Base.AddTicks(ticks + (Interlocked.Increment(ref _sequence) % 4_000) * 2 + process);
            var id = $"S{random.Next(customers)}";
            var decision = engine.Decide("tiny", CustomerSnapshot.FromJson($$"""{"customerId":"{{id}}","age":40}"""), new DateTimeOffset(at));
            Interlocked.Increment(ref _decisions);
            Interlocked.Add(ref _actions, decision.Actions.Count);
        }
    }

    /// <summary>A store that writes each batch late: the queue backs up, as behind a slow database.</summary>
    private sealed class SlowHistory(IInteractionHistory inner, int milliseconds) : IInteractionHistory
    {
        public CustomerHistory Read(string customerId, DateTime from, DateTime to) => inner.Read(customerId, from, to);

        public void Append(HistoryBatch batch)
        {
            Thread.Sleep(milliseconds);
            inner.Append(batch);
        }

        public IEnumerable<StoredDecision> Decisions(HistoryQuery query) => inner.Decisions(query);

        public IEnumerable<OfferEntry> Offers(HistoryQuery query) => inner.Offers(query);

        public IEnumerable<ContactEntry> Contacts(HistoryQuery query) => inner.Contacts(query);

        public IEnumerable<ResponseEntry> Responses(HistoryQuery query) => inner.Responses(query);

        public IReadOnlyList<MapVersionEntry> MapVersions() => inner.MapVersions();

        public HistoryCounts Count() => inner.Count();

        public long Purge(DateTime before) => inner.Purge(before);

        public void Dispose() => inner.Dispose();
    }

    /// <summary>Every log line on stdout: level, event name and message.</summary>
    private sealed class StdoutLoggerProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new StdoutLogger();

        public void Dispose()
        {
        }

        private sealed class StdoutLogger : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    lock (Console.Out)
                    {
                        Console.Out.WriteLine($"log {logLevel} {eventId.Name}: {formatter(state, exception)}");
                        Console.Out.Flush();
                    }
                }
            }
        }
    }

    /// <summary>The <c>--name value</c> arguments.</summary>
    private sealed class Options(Dictionary<string, string> values)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                values[args[i].TrimStart('-')] = args[i + 1];
            }

            return new Options(values);
        }

        public string? Text(string name) => values.GetValueOrDefault(name);

        public int Int(string name, int fallback) =>
            values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
    }
}
