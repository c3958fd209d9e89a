using System.Diagnostics;
using Decisioning.History.Postgres;
using Decisioning.History.Tests.Support;

namespace Decisioning.History.Tests.Cli;

/// <summary>
/// <c>evaluate --postgres</c> reading customers from a pipe while the database restarts: the
/// reads and writes of the outage wait for the server, and the run ends with every customer
/// decided and stored once (before, the first read that failed ended it with a stack trace).
/// </summary>
public sealed class HistoryOutageCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Evaluate_AHistoryThatFailsMidRun_EndsWithOneErrorLine_NotAStackTrace()
    {
        // A store whose contacts table is gone: it opens (its schema version is current), and the
        // first read fails for good (no such table), which no wait would mend.
        var db = _folder.File("history.db");
        new Decisioning.History.Sqlite.SqliteHistory(db).Dispose();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE contacts";
            drop.ExecuteNonQuery();
        }

        var (exit, _, error) = Repo.Cli("evaluate", Repo.SampleMap, "--customers", Repo.Customers(_folder, 5), "--at", "2026-11-26T00:00:00Z",
            "--db", db, "--out", _folder.File("decisions.jsonl"));

        Assert.Equal(1, exit);
        Assert.StartsWith("error: the interaction history failed: ", error, StringComparison.Ordinal);
        Assert.Contains("no such table: contacts", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Evaluate_ThroughADatabaseRestart_DecidesAndStoresEveryCustomer()
    {
        var (cluster, why) = PostgresCluster.Create(durable: true);
        Skip.If(cluster is null, why);
        using (cluster)
        {
            var customers = File.ReadLines(Repo.SampleCustomers).Take(300).ToList();
            var output = _folder.File("decisions.jsonl");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Decisioning.Cli.dll"), "evaluate", Repo.SampleMap,
                "--customers", "-", "--at", "2026-11-26T00:00:00Z", "--postgres", cluster.ConnectionString, "--out", output })
            {
                start.ArgumentList.Add(arg);
            }

            using var evaluate = Process.Start(start)!;
            var error = evaluate.StandardError.ReadToEndAsync();
            _ = evaluate.StandardOutput.ReadToEndAsync();
            await Feed(customers[..100]);
            await Task.Delay(3000); // the map loaded and the first hundred decided
            cluster.Stop();
            await Feed(customers[100..200]);
            await Task.Delay(2000);
            cluster.Start();
            await Feed(customers[200..]);
            evaluate.StandardInput.Close();
            var ended = evaluate.WaitForExit(120_000);
            if (!ended)
            {
                evaluate.Kill(entireProcessTree: true);
            }

            Assert.True(ended, "evaluate did not end");
            var stderr = await error;
            Assert.True(evaluate.ExitCode == 0, stderr);
            // The wait is said, and its end: the run does not seem to hang.
            Assert.Contains("warning: Interaction history: the store cannot be read; reads wait for it", stderr, StringComparison.Ordinal);
            Assert.Contains("note: Interaction history: the store can be read again; reads go on", stderr, StringComparison.Ordinal);
            Assert.Equal(300, File.ReadLines(output).Count());
            using var store = new PostgresHistory(cluster.ConnectionString);
            Assert.Equal(300, store.Count().Decisions);

            async Task Feed(IEnumerable<string> lines)
            {
                foreach (var line in lines)
                {
                    await evaluate.StandardInput.WriteLineAsync(line);
                }

                await evaluate.StandardInput.FlushAsync();
            }
        }
    }
}
