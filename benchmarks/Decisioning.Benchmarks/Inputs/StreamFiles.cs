using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Decisioning.Benchmarks.Inputs;

/// <summary>
/// The stream comparison's input (the sample customers repeated to <c>n</c> lines, written once
/// to the temp folder) and its two contenders over the same file: <c>decisioning evaluate</c> end
/// to end, and the I/O floor that parses each line with System.Text.Json and writes it back.
/// </summary>
public static class StreamFiles
{
    public static string Ensure(int lines)
    {
        var path = Path.Combine(Path.GetTempPath(), $"decisioning-bench-{lines}.jsonl");
        if (File.Exists(path) && File.ReadLines(path).Count() == lines)
        {
            return path;
        }

        var sample = File.ReadAllLines(Samples.CustomersPath);
        using (var writer = new StreamWriter(path + ".tmp", false, new UTF8Encoding(false)))
        {
            for (var i = 0; i < lines; i++)
            {
                writer.Write(sample[i % sample.Length]);
                writer.Write('\n');
            }
        }

        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    /// <summary>
    /// <c>decisioning evaluate</c> end to end: the command line's own process (started with the
    /// runtime this one runs on, with the command line's runtime settings), map load included.
    /// </summary>
    public static void EvaluateCli(string input, string output)
    {
        var start = new ProcessStartInfo(DotnetHost(), [
            "exec", Path.Combine(AppContext.BaseDirectory, "Decisioning.Cli.dll"),
            "evaluate", Samples.MapPath, "--customers", input, "--at", "2026-11-26T00:00:00Z", "--out", output,
        ])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"evaluate exited with {process.ExitCode}: {errors}");
        }
    }

    /// <summary>
    /// The same command in this process (warm: its JIT and tiering done by an earlier run), its
    /// steady throughput; also what <c>--profile stream</c> runs under a profiler.
    /// </summary>
    public static void Evaluate(string input, string output)
    {
        var exit = Cli.Program.Run(["evaluate", Samples.MapPath, "--customers", input, "--at", "2026-11-26T00:00:00Z", "--out", output],
            TextWriter.Null, TextWriter.Null);
        if (exit != 0)
        {
            throw new InvalidOperationException($"evaluate exited with {exit}");
        }
    }

    // <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/dotnet: the host of the running runtime.
    private static string DotnetHost()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    /// <summary>The floor: each line parsed into a JsonDocument and written back, one thread.</summary>
    public static void JsonFloor(string input, string output)
    {
        using var reader = new StreamReader(input, Encoding.UTF8, false, 1 << 16);
        using var sink = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new Utf8JsonWriter(sink);
        var bytes = new byte[1 << 16];
        while (reader.ReadLine() is { } line)
        {
            if (bytes.Length < Encoding.UTF8.GetMaxByteCount(line.Length))
            {
                bytes = new byte[Encoding.UTF8.GetMaxByteCount(line.Length)];
            }

            var length = Encoding.UTF8.GetBytes(line, bytes);
            using var document = JsonDocument.Parse(bytes.AsMemory(0, length));
            document.WriteTo(writer);
            writer.Flush();
            writer.Reset();
            sink.WriteByte((byte)'\n');
        }
    }
}
