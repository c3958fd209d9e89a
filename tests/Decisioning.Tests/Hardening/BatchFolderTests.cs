using System.Diagnostics;
using Decisioning.Batch;
using Decisioning.Files;
using Decisioning.Tests.Batch;
using Decisioning.Tests.Cli;
using Xunit;

namespace Decisioning.Tests.Hardening;

/// <summary>
/// A batch's output folder holds only its last run's lists, and no run leaves its hidden work
/// behind: not when a newer map drops a strategy, not on Ctrl-C, not after a kill -9 (docs/batch.md).
/// </summary>
public sealed class BatchFolderTests : IDisposable
{
    private readonly BatchFolder _work = new();

    public BatchFolderTests() => Directory.CreateDirectory(_work.Path);

    public void Dispose() => _work.Dispose();

    private string Out => _work["out"];

    private string Map(string name, string text)
    {
        var path = _work[name];
        File.WriteAllText(path, text);
        return path;
    }

    private string Customers()
    {
        var path = _work["customers.jsonl"];
        File.WriteAllLines(path, BatchMaps.Customers);
        return path;
    }

    private (int Exit, string Error) Batch(string map)
    {
        var (exit, _, error) = CliRunner.Run("batch", map, "--customers", Customers(), "--at", "2026-11-26", "--out", Out);
        return (exit, error);
    }

    private string[] Lists() => [.. Directory.GetFiles(Out, "*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public void Batch_NewerMapWithoutAStrategy_RemovesThatStrategysListsAndKeepsForeignFiles()
    {
        Assert.Equal(0, Batch(Map("v1.yaml", BatchMaps.Text)).Exit);
        Assert.Contains("card-sms.sms.csv", Lists());
        File.WriteAllText(Path.Combine(Out, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(Out, "other.tool.csv"), "not the batch's");
        var v2 = BatchMaps.Text.Replace("""
              - id: card-sms
                product: card
                channels: [sms]
                propensity: 0.5
            """, "");

        var (exit, error) = Batch(Map("v2.yaml", v2));

        Assert.True(exit == 0, error);
        Assert.Equal(["fund-call.call.csv", "fund-call.sms.csv", "fund-call.wechat.csv", "other.tool.csv"], Lists());
        Assert.True(File.Exists(Path.Combine(Out, "notes.txt")));
        Assert.DoesNotContain("card-sms", File.ReadAllText(Path.Combine(Out, BatchSummary.FileName)));
    }

    [Fact]
    public void Batch_NewerMapWithoutAChannel_RemovesThatChannelsLists()
    {
        Assert.Equal(0, Batch(Map("v1.yaml", BatchMaps.Text)).Exit);
        Assert.False(File.Exists(Path.Combine(Out, OwnedOutput.FileName)), "a finished run's summary names its files");
        var v2 = BatchMaps.Text.Replace("channels: [call, wechat, sms]", "channels: [call, sms]");

        Assert.Equal(0, Batch(Map("v2.yaml", v2)).Exit);

        Assert.DoesNotContain("fund-call.wechat.csv", Lists());
    }

    [Fact]
    public void Batch_CraftedOwnershipRecord_NeverDeletesWhatTheBatchCouldNotHaveWritten()
    {
        Assert.Equal(0, Batch(Map("v1.yaml", BatchMaps.Text)).Exit);
        var victim = _work["victim.txt"];
        File.WriteAllText(victim, "keep");
        File.WriteAllText(Path.Combine(Out, "keep.me.txt"), "keep");
        File.WriteAllLines(Path.Combine(Out, OwnedOutput.FileName), ["../victim.txt", victim, "keep.me.txt", "customers.jsonl"]);

        Assert.Equal(0, Batch(Map("v1.yaml", BatchMaps.Text)).Exit);

        Assert.True(File.Exists(victim));
        Assert.True(File.Exists(Path.Combine(Out, "keep.me.txt")));
    }

    [Fact]
    public void Batch_WorkOfAProcessThatIsGone_IsSweptAndALiveRunsWorkIsLeft()
    {
        Directory.CreateDirectory(Out);
        var dead = Path.Combine(Out, $".batch-999999999-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(dead, "candidates"));
        File.WriteAllText(Path.Combine(dead, "decisions.partial.jsonl"), "{}");
        var deadTemporary = Path.Combine(Out, $".summary.json.999999999.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(deadTemporary, "{");
        var live = Path.Combine(Out, $".batch-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(live);

        Assert.Equal(0, Batch(Map("v1.yaml", BatchMaps.Text)).Exit);

        Assert.False(Directory.Exists(dead));
        Assert.False(File.Exists(deadTemporary));
        Assert.True(Directory.Exists(live), "a running process's work must be left alone");
    }

    [Fact]
    public async Task RemoveFolder_WhileAThreadKeepsCreatingFilesInIt_LeavesNothing()
    {
        // Ctrl-C removes the work folder while the run's threads still write into it: a file made
        // between the delete's listing and its last rmdir used to leave the folder behind.
        Directory.CreateDirectory(Out);
        var work = Path.Combine(Out, $".batch-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        using var stop = new CancellationTokenSource();
        var created = 0;
        var writer = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    File.WriteAllText(Path.Combine(work, $"spill-{created}"), "x");
                    created++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The folder is gone: what a writer sees after the interrupt.
                }
            }
        });
        while (Volatile.Read(ref created) < 200)
        {
            await Task.Delay(1);
        }

        WorkFolders.RemoveFolder(work);
        stop.Cancel();
        await writer;

        Assert.Empty(Directory.EnumerateFileSystemEntries(Out, ".batch-*"));
    }

    [Fact]
    public async Task ClosedGate_WhileAThreadKeepsCreatingAFolderBelowTheWorkFolder_TheRemovedFolderStaysRemoved()
    {
        // Ctrl-C came while a batch thread was between creating its work folder and creating a
        // folder below it (the decisions file's, a spill's): Directory.CreateDirectory made the
        // removed work folder again, as a parent, and the process ended leaving it (CI, 2026-12-05).
        Directory.CreateDirectory(Out);
        var work = Path.Combine(Out, $".batch-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var gate = new FolderGate();
        gate.Create(work);
        var created = 0;
        var refused = false;
        var creator = Task.Run(() =>
        {
            while (!refused)
            {
                try
                {
                    gate.Create(Path.Combine(work, ".sort-x", $"run-{created}"));
                    Interlocked.Increment(ref created);
                }
                catch (OperationCanceledException)
                {
                    refused = true;
                }
            }
        });
        while (Volatile.Read(ref created) < 50)
        {
            await Task.Delay(1);
        }

        gate.Close();
        WorkFolders.RemoveFolder(work);
        await creator.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(refused);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Out, ".batch-*"));
        Assert.Throws<OperationCanceledException>(() => gate.Create(work));
        Assert.False(Directory.Exists(work));
    }

    [InterruptibleFact]
    public void Batch_CtrlC_RemovesTheWorkFolder()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "Decisioning.Cli.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { cli, "batch", Map("v1.yaml", BatchMaps.Text), "--customers", "-", "--at", "2026-11-26", "--out", Out })
        {
            start.ArgumentList.Add(arg);
        }

        using var batch = Process.Start(start)!;
        batch.OutputDataReceived += (_, _) => { };
        batch.ErrorDataReceived += (_, _) => { };
        batch.BeginOutputReadLine();
        batch.BeginErrorReadLine();
        // Some customers, and the input left open: the run waits with its work folder in place.
        foreach (var line in BatchMaps.Customers)
        {
            batch.StandardInput.WriteLine(line);
        }

        batch.StandardInput.Flush();
        var clock = Stopwatch.StartNew();
        while (!WorkFolder() && clock.Elapsed < TimeSpan.FromSeconds(60) && !batch.HasExited)
        {
            Thread.Sleep(50);
        }

        Assert.True(WorkFolder(), "the batch never made its work folder");
        using (var kill = Process.Start("kill", ["-INT", batch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(batch.WaitForExit(30_000), "the batch did not end on SIGINT");
        Assert.False(WorkFolder(), "Ctrl-C left the work folder: " + string.Join(", ", Directory.GetFileSystemEntries(Out)));
        Assert.False(File.Exists(Path.Combine(Out, BatchSummary.FileName)));

        bool WorkFolder() => Directory.Exists(Out) && Directory.EnumerateDirectories(Out, ".batch-*").Any();
    }
}

/// <summary>
/// A test that interrupts a child process with SIGINT: skipped on Windows, and when this process
/// ignores SIGINT (a non-interactive shell starts background commands so, and the child would
/// inherit it: the signal would never arrive, whatever the batch does).
/// </summary>
public sealed class InterruptibleFactAttribute : FactAttribute
{
    public InterruptibleFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs POSIX signals (kill -INT)";
        }
        else if (SigIntIgnored())
        {
            Skip = "SIGINT is ignored in this test process (started in the background by a non-interactive shell) and a child inherits that";
        }
    }

    // /proc/self/status "SigIgn:" is the mask of ignored signals in hex; SIGINT is signal 2, bit 1.
    private static bool SigIntIgnored()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return false;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null &&
               ulong.TryParse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var mask) &&
               (mask & 0x2) != 0;
    }
}
