using Decisioning.History.Tests.Support;
using Decisioning.Recording;
namespace Decisioning.History.Tests.Engine;

public sealed class HistoryRecorderTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task WhenFullIsDrop_RecordsBeyondTheQueueAreDroppedAndCounted_NeverBlocking()
    {
        using var store = new GatedHistory();
        var recorder = new HistoryRecorder(store, new HistoryOptions { QueueCapacity = 3, BatchSize = 1, WhenFull = HistoryQueueFullMode.Drop });

        for (var i = 0; i < 20; i++)
        {
            recorder.RecordContact(Contact(i));
        }

        store.Open.Set();
        await recorder.StopAsync();

        var counts = recorder.Counts;
        Assert.Equal(20, counts.Written + counts.Dropped);
        Assert.InRange(counts.Dropped, 16, 17);
        Assert.Equal(counts.Written, store.Inner.Count().Contacts);
    }

    public static TheoryData<ResponseEntry> BadResponses => new()
    {
        new ResponseEntry(null!, T0, "s", "p", "converted"),
        new ResponseEntry("", T0, "s", "p", "converted"),
        new ResponseEntry("C1", T0, "s", "p", null!),
        new ResponseEntry("C1", T0, "s", "p", "bought"),
        new ResponseEntry("C1", T0, "s", "p", "converted", double.NaN),
        new ResponseEntry("C1", T0, "s", "p", "converted", double.PositiveInfinity),
    };

    [Theory]
    [MemberData(nameof(BadResponses))]
    public async Task RecordResponse_ARecordImportWouldSkip_IsRefusedAtTheCallAndTheOthersAreWritten(ResponseEntry bad)
    {
        using var store = new GatedHistory();
        store.Open.Set();
        var recorder = new HistoryRecorder(store, new HistoryOptions { BatchSize = 100 });

        recorder.RecordContact(Contact(1));
        Assert.ThrowsAny<ArgumentException>(() => recorder.RecordResponse(bad));
        recorder.RecordResponse(new ResponseEntry("C2", T0, "s", "p", "converted", 10));
        await recorder.StopAsync();

        Assert.Equal(new HistoryQueueCounts(2, 2, 0, 0), recorder.Counts);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("", 1)]
    [InlineData("C1", 0)]
    public async Task RecordContact_ARecordImportWouldSkip_IsRefusedAtTheCall(string? customerId, int wave)
    {
        using var store = new GatedHistory();
        store.Open.Set();
        var recorder = new HistoryRecorder(store);

        Assert.ThrowsAny<ArgumentException>(() => recorder.RecordContact(new ContactEntry(customerId!, T0, "sms", null, null, wave)));
        await recorder.StopAsync();

        Assert.Equal(0, recorder.Counts.Queued);
    }

    [Fact]
    public async Task WhenFullIsWait_EveryRecordIsWritten()
    {
        using var store = new GatedHistory();
        store.Open.Set();
        var recorder = new HistoryRecorder(store, new HistoryOptions { QueueCapacity = 2, BatchSize = 3 });

        Parallel.For(0, 200, i => recorder.RecordContact(Contact(i)));
        await recorder.StopAsync();

        Assert.Equal(new HistoryQueueCounts(200, 200, 0, 0), recorder.Counts);
        Assert.Equal(200, store.Inner.Count().Contacts);
    }

    [Fact]
    public async Task WhenFullIsWait_AThreadThatFindsTheQueueFull_GoesOnOnceTheWriterHasDrainedItToHalf()
    {
        using var store = new PermittedHistory();
        var recorder = new HistoryRecorder(store, new HistoryOptions { QueueCapacity = 10, BatchSize = 1 });
        // The writer takes the first record and waits for a permit; ten more fill the queue.
        recorder.RecordContact(Contact(0));
        Assert.True(SpinWait.SpinUntil(() => store.Waiting, TimeSpan.FromSeconds(5)));
        for (var i = 1; i <= 10; i++)
        {
            recorder.RecordContact(Contact(i));
        }

        var blocked = Task.Run(() => recorder.RecordContact(Contact(11)));
        // Its record counted: it has looked at the queue, full, and waits. (Permits given before it
        // started, on a busy machine, let it find a free slot and go on: the test failed then.)
        Assert.True(SpinWait.SpinUntil(() => recorder.Counts.Queued == 12, TimeSpan.FromSeconds(30)));
        await Task.Delay(300);
        Assert.False(blocked.IsCompleted);

        // Three records written: seven queued, more than half, so the thread still waits (it went
        // on at the first free slot before).
        store.Permit(3);
        Assert.True(SpinWait.SpinUntil(() => store.Written == 3, TimeSpan.FromSeconds(5)));
        await Task.Delay(300);
        Assert.False(blocked.IsCompleted);

        // Two more: five queued, half the queue, and it goes on.
        store.Permit(2);
        await blocked.WaitAsync(TimeSpan.FromSeconds(5));

        store.Permit(100);
        await recorder.StopAsync();
        Assert.Equal(new HistoryQueueCounts(12, 12, 0, 0), recorder.Counts);
    }

    [Fact]
    public async Task StopAsync_CancelledWhileTheStoreHangs_ReportsWhatIsLeftUnwritten()
    {
        using var store = new GatedHistory();
        var recorder = new HistoryRecorder(store, new HistoryOptions { QueueCapacity = 100, BatchSize = 1 });
        for (var i = 0; i < 10; i++)
        {
            recorder.RecordContact(Contact(i));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await recorder.StopAsync(timeout.Token);

        Assert.Equal(10, recorder.Counts.Pending);
        store.Open.Set();
    }

    [Fact]
    public async Task AStoreThatRefusesTheBatch_IsRetriedTwice_ThenTheRecordsAreCountedAsFailed()
    {
        using var store = new GatedHistory { Failure = _ => new InvalidOperationException("the store refuses the batch") };
        store.Open.Set();
        var recorder = new HistoryRecorder(store, new HistoryOptions { BatchSize = 10 });

        recorder.RecordResponse(new ResponseEntry("C1", T0, null, "fund", "converted"));
        await recorder.StopAsync();

        Assert.Equal(new HistoryQueueCounts(1, 0, 0, 1), recorder.Counts);
        Assert.Equal(3, store.Attempts);
    }

    [Fact]
    public async Task ARecordTheStoreRefuses_FailsAlone_AndTheRecordsQueuedBesideItAreWritten()
    {
        // The store refuses any batch holding customer C5's contact (a constraint it breaks).
        using var store = new GatedHistory
        {
            Refuse = batch => batch.Contacts.Any(c => c.CustomerId == "C5") ? new InvalidOperationException("CHECK constraint failed") : null,
        };
        var logs = new ListLogger();
        var recorder = await RecordTwelveContacts(store, logs);

        Assert.Equal(new HistoryQueueCounts(12, 11, 0, 1), recorder.Counts);
        Assert.Equal(11, store.Inner.Count().Contacts);
        Assert.DoesNotContain(store.Inner.Contacts(HistoryQuery.All), c => c.CustomerId == "C5");
        Assert.Single(logs.Events, e => e == "HistoryWriteFailed");
    }

    [Fact]
    public async Task AStoreThatRefusesEveryBatch_FailsItsRecordsTogether_LoggedOnce_NotRecordByRecord()
    {
        using var store = new GatedHistory { Refuse = _ => new InvalidOperationException("permission denied for table contacts") };
        var logs = new ListLogger();
        var recorder = await RecordTwelveContacts(store, logs);

        Assert.Equal(12, recorder.Counts.Failed);
        Assert.Equal(0, recorder.Counts.Written);
        // At most the gated first record's batch and the other eleven's: each three writes and two halves.
        Assert.InRange(logs.Events.Count(e => e == "HistoryWriteFailed"), 1, 2);
        Assert.InRange(store.Attempts, 5, 10);
    }

    [Fact]
    public async Task AStoreUnavailableForAWhile_KeepsTheBatch_AndWritesItOnceTheStoreIsBack()
    {
        // Six failed writes (about 1.5 s of waits): more than the two retries a refused batch gets.
        using var store = new GatedHistory { Failure = attempt => attempt <= 6 ? new IOException("connection reset by peer") : null };
        store.Open.Set();
        var logs = new ListLogger();
        var recorder = new HistoryRecorder(store, new HistoryOptions { BatchSize = 10 }, logs);

        recorder.RecordContact(Contact(1));
        await recorder.StopAsync();

        Assert.Equal(new HistoryQueueCounts(1, 1, 0, 0), recorder.Counts);
        Assert.Equal(1, store.Inner.Count().Contacts);
        Assert.Equal(7, store.Attempts);
        Assert.Contains(logs.Events, e => e == "HistoryUnavailable");
        Assert.Contains(logs.Events, e => e == "HistoryAvailableAgain");
        Assert.DoesNotContain(logs.Events, e => e == "HistoryWriteFailed");
    }

    [Fact]
    public async Task AStoreUnavailableLongerThanRetryUnavailableFor_FailsTheBatch_AndEachLaterBatchAfterOneWrite()
    {
        using var store = new GatedHistory { Failure = _ => new TimeoutException("no answer from the server") };
        store.Open.Set();
        var recorder = new HistoryRecorder(store, new HistoryOptions { BatchSize = 1, RetryUnavailableFor = TimeSpan.FromMilliseconds(300) });

        for (var i = 0; i < 3; i++)
        {
            recorder.RecordContact(Contact(i));
        }

        var stop = System.Diagnostics.Stopwatch.StartNew();
        await recorder.StopAsync();

        Assert.Equal(new HistoryQueueCounts(3, 0, 0, 3), recorder.Counts);
        // The first batch: writes at 0, 50, 150 and 300 ms (fewer if a busy machine wakes the
        // writer late); the two others one write each, no wait. (A wait of less than a millisecond
        // left once returned at once, and the writer wrote again and again until the time was up:
        // 16 to 54 writes.)
        Assert.InRange(store.Attempts, 2 + 1 + 1, 4 + 1 + 1);
        Assert.True(stop.Elapsed < TimeSpan.FromSeconds(10), $"the stop took {stop.Elapsed}");
    }

    [Fact]
    public async Task StopAsync_DeadlinePassedWhileTheStoreIsUnavailable_LeavesTheRecordsUnwritten_AndWritesNoMore()
    {
        using var store = new GatedHistory { Failure = _ => new IOException("the store is down") };
        store.Open.Set();
        var recorder = new HistoryRecorder(store, new HistoryOptions { BatchSize = 2, RetryUnavailableFor = Timeout.InfiniteTimeSpan });
        for (var i = 0; i < 5; i++)
        {
            recorder.RecordContact(Contact(i));
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        await recorder.StopAsync(deadline.Token);
        await Task.Delay(300);
        var attempts = store.Attempts;
        await Task.Delay(2500);

        Assert.Equal(new HistoryQueueCounts(5, 0, 0, 0), recorder.Counts);
        Assert.Equal(5, recorder.Counts.Pending);
        Assert.Equal(attempts, store.Attempts);
    }

    // Twelve contacts queued while the store's gate is shut (the writer holds the first), then written and stopped.
    private static async Task<HistoryRecorder> RecordTwelveContacts(GatedHistory store, ListLogger logs)
    {
        var recorder = new HistoryRecorder(store, new HistoryOptions { BatchSize = 20 }, logs);
        for (var i = 0; i < 12; i++)
        {
            recorder.RecordContact(Contact(i));
        }

        store.Open.Set();
        await recorder.StopAsync();
        return recorder;
    }

    private static ContactEntry Contact(int i) => new($"C{i}", T0, "app", "s", "p");

    // An in-memory store that writes one batch a permit.
    private sealed class PermittedHistory : DelegatingHistory
    {
        private readonly SemaphoreSlim _permits = new(0);
        private int _written, _waiting;

        public int Written => Volatile.Read(ref _written);

        public bool Waiting => Volatile.Read(ref _waiting) > 0;

        public void Permit(int batches) => _permits.Release(batches);

        public override void Append(HistoryBatch batch)
        {
            Interlocked.Increment(ref _waiting);
            _permits.Wait();
            Interlocked.Decrement(ref _waiting);
            base.Append(batch);
            Interlocked.Increment(ref _written);
        }

        protected override void Dispose(bool disposing)
        {
            _permits.Dispose();
            base.Dispose(disposing);
        }
    }

    // The event names logged.
    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _events = new();

        public IReadOnlyCollection<string> Events => _events;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter) => _events.Enqueue(eventId.Name ?? "");
    }

    // An in-memory store whose writes wait for a gate, or fail.
    private sealed class GatedHistory : DelegatingHistory
    {
        private int _attempts;

        public ManualResetEventSlim Open { get; } = new();

        /// <summary>The exception a write throws, by its attempt number from 1 (null: it succeeds).</summary>
        public Func<int, Exception?>? Failure { get; init; }

        public int Attempts => Volatile.Read(ref _attempts);

        /// <summary>The exception a write of this batch throws (null: it succeeds), after <see cref="Failure"/>.</summary>
        public Func<HistoryBatch, Exception?>? Refuse { get; init; }

        public override void Append(HistoryBatch batch)
        {
            Open.Wait();
            var attempt = Interlocked.Increment(ref _attempts);
            if (Failure?.Invoke(attempt) is { } failure)
            {
                throw failure;
            }

            if (Refuse?.Invoke(batch) is { } refusal)
            {
                throw refusal;
            }

            base.Append(batch);
        }

        protected override void Dispose(bool disposing)
        {
            Open.Dispose();
            base.Dispose(disposing);
        }
    }
}
