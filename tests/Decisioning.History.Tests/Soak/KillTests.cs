using System.Globalization;
using System.Text.RegularExpressions;
using Decisioning.History.Sqlite;
using Decisioning.History.Tests.Engine;
using Decisioning.History.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Decisioning.History.Tests.Soak;

/// <summary>
/// A host killed while its history queue still holds records (a store writing each batch of 50
/// 100 ms late, a queue of 500): it loses at most what the queue held (and the batch being
/// written), the stop log gives the number when the host had a chance to stop, and the SQLite
/// file is never left unreadable.
/// </summary>
[Collection(SoakCollection.Name)]
public sealed partial class KillTests : IDisposable
{
    private const int Decided = 2_000;
    private const int Queue = 500;
    private const int Batch = 50;
    private readonly TempFolder _folder = new();

    [Fact]
    public void Killed_MidRun_LosesAtMostWhatTheQueueHeld_AndTheStoreStaysReadable()
    {
        var db = _folder.File("killed.db");
        using (var host = Start(db))
        {
            host.WaitFor($"decided {Decided}", TimeSpan.FromSeconds(120));
            host.Kill();
        }

        var stored = Readable(db);
        Assert.InRange(stored, Decided - Queue - Batch, Decided);
    }

    [Fact]
    public void Terminated_WithAShortShutdown_LogsTheNumberLeftUnwritten_AndLosesNoMore()
    {
        var db = _folder.File("terminated.db");
        long written, unwritten;
        using (var host = Start(db, "--shutdown-ms", "200"))
        {
            host.WaitFor($"decided {Decided}", TimeSpan.FromSeconds(120));
            host.Terminate();
            var log = host.WaitFor("log Information HistoryStopped", TimeSpan.FromSeconds(60));
            // A service manager's SIGKILL at the end of the grace period.
            host.Kill();
            var numbers = StoppedLog().Match(log);
            Assert.True(numbers.Success, log);
            (written, unwritten) = (long.Parse(numbers.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(numbers.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        Assert.Equal(Decided, written + unwritten);
        Assert.InRange(unwritten, 1, Queue + Batch);
        Assert.InRange(Readable(db), written, Decided);
    }

    public void Dispose() => _folder.Dispose();

    private SoakProcess Start(string db, params string[] more)
    {
        var map = TinyMap.Write(_folder.Path);
        return new SoakProcess(["--map", map, "--sqlite", db, "--decide", $"{Decided}", "--slow-ms", "100", "--batch", $"{Batch}",
            "--queue", $"{Queue}", "--customers", "300", .. more]);
    }

    // The file opens, passes SQLite's integrity check, and every decision reads back: how many there are.
    private static long Readable(string db)
    {
        using (var connection = new SqliteConnection($"Data Source={db}"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar());
        }

        using var store = new SqliteHistory(db);
        var counts = store.Count();
        Assert.Equal(counts.Decisions, store.Decisions(HistoryQuery.All).LongCount());
        return counts.Decisions;
    }

    [GeneratedRegex(@"(\d+) records written, \d+ dropped \(queue full\), \d+ failed, (\d+) unwritten")]
    private static partial Regex StoppedLog();
}
