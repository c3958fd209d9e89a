using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Decisioning.History.Tests.Soak;

/// <summary>
/// A host process of the soak tests: <c>dotnet Decisioning.History.SoakHost.dll ARGS</c>, built
/// beside the tests, its stdout collected line by line.
/// </summary>
internal sealed class SoakProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    public SoakProcess(params string[] args)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Decisioning.History.SoakHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(host);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The summary (the last JSON line) once the process has ended.</summary>
    public JsonObject Summary(TimeSpan timeout)
    {
        Assert.True(_process.WaitForExit(timeout), $"the host did not end within {timeout}:\n{Output}");
        _process.WaitForExit();
        Assert.True(_process.ExitCode == 0, $"the host exited {_process.ExitCode}:\n{Output}\n{_error}");
        var last = Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{'));
        return JsonNode.Parse(last)!.AsObject();
    }

    /// <summary>Waits until a line of stdout starts with <paramref name="prefix"/>.</summary>
    public string WaitFor(string prefix, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Output.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            Assert.False(_process.HasExited, $"the host ended early:\n{Output}\n{_error}");
            Thread.Sleep(20);
        }

        throw new TimeoutException($"no line '{prefix}' within {timeout}:\n{Output}\n{_error}");
    }

    /// <summary>Sends one line to the process's stdin.</summary>
    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>SIGKILL: the process ends at once, nothing runs after.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM: the host stops as it would under a service manager.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder to, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (to)
        {
            to.Append(line).Append('\n');
        }
    }
}
