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

    /// <summary><c>decisioning evaluate</c> in process, as the command line runs it (map load included).</summary>
    public static void Evaluate(string input, string output)
    {
        var exit = Cli.Program.Run(["evaluate", Samples.MapPath, "--customers", input, "--at", "2026-11-26T00:00:00Z", "--out", output],
            TextWriter.Null, TextWriter.Null);
        if (exit != 0)
        {
            throw new InvalidOperationException($"evaluate exited with {exit}");
        }
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
