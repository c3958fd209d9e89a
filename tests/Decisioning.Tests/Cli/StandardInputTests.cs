using System.Diagnostics;
using Decisioning.Cli.Infrastructure;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Cli;

/// <summary>
/// An input named "-" with standard input closed is refused at once (exit 1, one error line)
/// instead of waiting for ever on the runtime's own pipe, which takes descriptor 0.
/// </summary>
public sealed class StandardInputTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("decisioning-stdin-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [LinuxFact]
    public void Evaluate_WithStandardInputClosed_FailsAtOnceInsteadOfWaiting()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "Decisioning.Cli.dll");
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "exec dotnet \"$0\" evaluate \"$1\" --customers - --at 2026-11-26T00:00:00Z <&-", cli, TestPaths.Repo("strategies", "retail-wealth") })
        {
            start.ArgumentList.Add(arg);
        }

        using var evaluate = Process.Start(start)!;
        var error = evaluate.StandardError.ReadToEndAsync();
        var output = evaluate.StandardOutput.ReadToEndAsync();
        var ended = evaluate.WaitForExit(60_000);
        if (!ended)
        {
            evaluate.Kill(entireProcessTree: true);
        }

        Assert.True(ended, "evaluate waited on a closed standard input");
        Assert.Equal(1, evaluate.ExitCode);
        Assert.Contains("standard input is closed", error.Result, StringComparison.Ordinal);
        Assert.Equal("", output.Result);
    }

    [LinuxFact]
    public void APipeThisProcessAlsoWrites_NeverEnds()
    {
        var process = Proc(("0", "pipe:[41]", "01000000"), ("1", "/dev/pts/0", "02"), ("7", "pipe:[41]", "01"));
        Assert.True(StandardInput.NeverEnds(process));
    }

    [LinuxFact]
    public void APipeWrittenByAnotherProcess_Ends()
    {
        // The same pipe held again only for reading (a duplicate of descriptor 0) is no writer.
        var process = Proc(("0", "pipe:[41]", "00"), ("1", "pipe:[42]", "01"), ("5", "pipe:[41]", "0100000"));
        Assert.False(StandardInput.NeverEnds(process));
    }

    [LinuxFact]
    public void AFileOrTerminal_Ends()
    {
        Assert.False(StandardInput.NeverEnds(Proc(("0", "/tmp/customers.jsonl", "0100000"), ("3", "/tmp/customers.jsonl", "02"))));
        Assert.False(StandardInput.NeverEnds(Proc(("0", "/dev/pts/1", "02"))));
    }

    [Fact]
    public void NoProcFolder_StandardInputIsOpenedAsEver() =>
        Assert.False(StandardInput.NeverEnds(Path.Combine(_root, "missing")));

    // A stand-in for /proc/PID: fd/N links to the descriptor's target, fdinfo/N holds its flags.
    private string Proc(params (string Descriptor, string Target, string Flags)[] descriptors)
    {
        var process = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(process, "fd"));
        Directory.CreateDirectory(Path.Combine(process, "fdinfo"));
        foreach (var (descriptor, target, flags) in descriptors)
        {
            File.CreateSymbolicLink(Path.Combine(process, "fd", descriptor), target);
            File.WriteAllText(Path.Combine(process, "fdinfo", descriptor), $"pos:\t0\nflags:\t{flags}\nmnt_id:\t15\n");
        }

        return process;
    }
}

/// <summary>A test of /proc's descriptor folders and a POSIX shell: skipped elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux (/proc/PID/fd and fdinfo, sh, symbolic links)";
        }
    }
}
