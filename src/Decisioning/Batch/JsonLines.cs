using System.Buffers;
using System.Text;
using System.Text.Json;
using Decisioning.Evaluation;

namespace Decisioning.Batch;

/// <summary>Reads and writes the JSON-lines files of a batch: one compact JSON value a line, UTF-8, <c>\n</c>.</summary>
internal static class JsonLines
{
    public static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>
    /// The values of a file, each turned into a <typeparamref name="T"/> while its document is alive.
    /// A line that is not JSON or not of the expected shape (a file written by another tool, or
    /// altered) throws <see cref="InvalidDataException"/> naming the file and the record.
    /// </summary>
    public static IEnumerable<T> Read<T>(string path, Func<JsonElement, T> select)
    {
        long record = 0;
        foreach (var line in ReadText(path))
        {
            record++;
            T value;
            try
            {
                using var document = JsonDocument.Parse(line);
                value = select(document.RootElement);
            }
            catch (Exception e) when (IsMalformed(e))
            {
                throw Malformed(path, record, e);
            }

            yield return value;
        }
    }

    /// <summary>Whether <paramref name="e"/> is what reading a record of the wrong shape throws.</summary>
    public static bool IsMalformed(Exception e) =>
        e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException
            or IndexOutOfRangeException or ArgumentException;

    /// <summary>The one-line error for record <paramref name="record"/> (1-based) of <paramref name="path"/>.</summary>
    public static InvalidDataException Malformed(string path, long record, Exception e) =>
        new($"{path}: record {record} is not a record this tool wrote ({e.Message})", e);

    /// <summary>The non-empty lines of a file as UTF-8 bytes (without the <c>\n</c>), lazily.</summary>
    public static IEnumerable<byte[]> ReadUtf8(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        int start = 0, end = 0;
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                if (newline > 0)
                {
                    yield return buffer.AsSpan(start, newline).ToArray();
                }

                start += newline + 1;
                continue;
            }

            // No whole line left in the buffer: keep the partial one, grow if it fills the buffer, read more.
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                if (end > start)
                {
                    yield return buffer.AsSpan(start, end - start).ToArray();
                }

                yield break;
            }

            end += read;
        }
    }

    /// <summary>The non-empty lines of a file, lazily.</summary>
    public static IEnumerable<string> ReadText(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = new StreamReader(stream, Utf8, false, 1 << 16);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}

/// <summary>Writes one JSON value a line to a stream, reusing one buffer.</summary>
internal sealed class JsonLinesWriter(Stream stream)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json = new(Stream.Null, DecisionJson.WriterOptions);

    public long Count { get; private set; }

    public void Write<T>(Action<Utf8JsonWriter, T> write, T value)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        write(_json, value);
        _json.Flush();
        stream.Write(_buffer.WrittenSpan);
        stream.WriteByte((byte)'\n');
        Count++;
    }
}
