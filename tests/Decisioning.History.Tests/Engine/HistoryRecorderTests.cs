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
