using Decisioning.History.Postgres;
using Decisioning.History.Tests.Support;
using Decisioning.Recording;

namespace Decisioning.History.Tests.Engine;

/// <summary>
/// A fleet's PostgreSQL goes down and comes back while a host records: the records of the outage
/// wait in the queue and are written once the server is back, each exactly once, none failed.
/// </summary>
public sealed class StoreOutageTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task PostgresRestartedWhileRecording_EveryRecordIsWrittenOnceTheServerIsBack()
    {
        // Durable: the server stops as in a crash, and must keep what it acknowledged, as in production.
        var (cluster, why) = PostgresCluster.Create(durable: true);
        Skip.If(cluster is null, why);
        using (cluster)
        {
            using var store = new PostgresHistory(cluster.ConnectionString);
            var recorder = new HistoryRecorder(store, new HistoryOptions { BatchSize = 20 });

            // Records keep coming (one every 5 ms) while the server is stopped for 2 s and started again.
            var recording = Task.Run(async () =>
            {
                for (var i = 0; i < 600; i++)
                {
                    recorder.RecordContact(new ContactEntry($"C{i}", T0.AddSeconds(i), "app", "s", "p"));
                    await Task.Delay(5);
                }
            });
            await Task.Delay(300);
            cluster.Stop();
            await Task.Delay(2000);
            cluster.Start();
            await recording;
            await recorder.StopAsync();

            Assert.Equal(new HistoryQueueCounts(600, 600, 0, 0), recorder.Counts);
            Assert.Equal(600, store.Count().Contacts);
            Assert.Equal(600, store.Contacts(HistoryQuery.All).Select(c => c.CustomerId).Distinct().Count());
        }
    }
}
