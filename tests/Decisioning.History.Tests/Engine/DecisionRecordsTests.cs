using System.Buffers;
using Decisioning.Evaluation;
using Decisioning.History.Tests.Support;
using Decisioning.Loading;
using Decisioning.Snapshots;
using Decisioning.Serialization;
using Decisioning.Recording;

namespace Decisioning.History.Tests.Engine;

/// <summary>
/// The write queue takes a decision's records from the decision itself (the engine's
/// <see cref="Decision"/>, or <c>evaluate</c>'s buffer) instead of reading its line back: what it
/// stores must be exactly what <c>history import --decisions</c> stores for the same lines.
/// </summary>
public sealed class DecisionRecordsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RecordedDecisionsAndOffers_EqualThoseImportedFromTheirLines_OnTheSampleMap()
    {
        var plan = MapLoader.Load(Repo.SampleMap).Plan!;
        var lines = File.ReadLines(Repo.SampleCustomers).Take(400).ToList();
        var options = new HistoryOptions { OffersAreContacts = true, KeepSnapshots = true };
        using var fromDecisions = new InMemoryHistory();
        using var fromBuffers = new InMemoryHistory();
        using var imported = new InMemoryHistory();
        var engine = new HistoryRecorder(fromDecisions, options);
        var stream = new HistoryRecorder(fromBuffers, options);
        var evaluator = new Evaluator(plan);
        var reader = new SnapshotReader(plan);
        var decider = new LineDecider(plan, observer: stream);
        var decided = new List<string>();
        foreach (var line in lines)
        {
            var customer = reader.Read(line).Customer!;
            var decision = evaluator.Decide(customer, At);
            engine.Record(decision, plan, customer);
            decided.Add(DecisionJson.ToJson(decision));
            decider.Decide(line, At, new ArrayBufferWriter<byte>());
        }

        await engine.StopAsync();
        await stream.StopAsync();
        HistoryTransfer.Import(imported, decided, HistoryFile.Decisions, offersAreContacts: true);

        var expected = imported.Offers(HistoryQuery.All).ToList();
        Assert.Contains(expected, o => o.Group is not null);
        Assert.Contains(expected, o => o.Wave > 1 || o.Rank > 1);
        foreach (var store in new[] { fromDecisions, fromBuffers })
        {
            Assert.Equal(imported.Decisions(HistoryQuery.All).Select(d => d with { Snapshot = null }),
                store.Decisions(HistoryQuery.All).Select(d => d with { Snapshot = null }));
            Assert.Equal(expected, store.Offers(HistoryQuery.All));
            Assert.Equal(imported.Contacts(HistoryQuery.All), store.Contacts(HistoryQuery.All));
            Assert.All(store.Decisions(HistoryQuery.All), d => Assert.NotNull(d.Snapshot));
        }
    }
}
