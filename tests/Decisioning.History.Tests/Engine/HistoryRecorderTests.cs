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
    public async Task AStoreThatFails_IsRetried_ThenTheRecordsAreCountedAsFailed()
    {
        using var store = new GatedHistory { Fail = true };
        store.Open.Set();
        var recorder = new HistoryRecorder(store, new HistoryOptions { BatchSize = 10 });

        recorder.RecordResponse(new ResponseEntry("C1", T0, null, "fund", "converted"));
        await recorder.StopAsync();

        Assert.Equal(new HistoryQueueCounts(1, 0, 0, 1), recorder.Counts);
        Assert.Equal(3, store.Attempts);
    }

    private static ContactEntry Contact(int i) => new($"C{i}", T0, "app", "s", "p");

    // An in-memory store that writes one batch a permit.
    private sealed class PermittedHistory : IInteractionHistory
    {
        private readonly SemaphoreSlim _permits = new(0);
        private readonly InMemoryHistory _inner = new();
        private int _written, _waiting;

        public int Written => Volatile.Read(ref _written);

        public bool Waiting => Volatile.Read(ref _waiting) > 0;

        public void Permit(int batches) => _permits.Release(batches);

        public void Append(HistoryBatch batch)
        {
            Interlocked.Increment(ref _waiting);
            _permits.Wait();
            Interlocked.Decrement(ref _waiting);
            _inner.Append(batch);
            Interlocked.Increment(ref _written);
        }

        public CustomerHistory Read(string customerId, DateTime from, DateTime to) => _inner.Read(customerId, from, to);

        public IEnumerable<StoredDecision> Decisions(HistoryQuery query) => _inner.Decisions(query);

        public IEnumerable<OfferEntry> Offers(HistoryQuery query) => _inner.Offers(query);

        public IEnumerable<ContactEntry> Contacts(HistoryQuery query) => _inner.Contacts(query);

        public IEnumerable<ResponseEntry> Responses(HistoryQuery query) => _inner.Responses(query);

        public IReadOnlyList<MapVersionEntry> MapVersions() => _inner.MapVersions();

        public HistoryCounts Count() => _inner.Count();

        public long Purge(DateTime before) => _inner.Purge(before);

        public void Dispose() => _permits.Dispose();
    }

    // An in-memory store whose writes wait for a gate, or fail.
    private sealed class GatedHistory : IInteractionHistory
    {
        public InMemoryHistory Inner { get; } = new();

        public ManualResetEventSlim Open { get; } = new();

        public bool Fail { get; init; }

        public int Attempts { get; private set; }

        public void Append(HistoryBatch batch)
        {
            Open.Wait();
            Attempts++;
            if (Fail)
            {
                throw new IOException("the store is down");
            }

            Inner.Append(batch);
        }

        public CustomerHistory Read(string customerId, DateTime from, DateTime to) => Inner.Read(customerId, from, to);

        public IEnumerable<StoredDecision> Decisions(HistoryQuery query) => Inner.Decisions(query);

        public IEnumerable<OfferEntry> Offers(HistoryQuery query) => Inner.Offers(query);

        public IEnumerable<ContactEntry> Contacts(HistoryQuery query) => Inner.Contacts(query);

        public IEnumerable<ResponseEntry> Responses(HistoryQuery query) => Inner.Responses(query);

        public IReadOnlyList<MapVersionEntry> MapVersions() => Inner.MapVersions();

        public HistoryCounts Count() => Inner.Count();

        public long Purge(DateTime before) => Inner.Purge(before);

        public void Dispose() => Open.Dispose();
    }
}
