using Decisioning.Files;
using System.Buffers;
using System.Text;
using System.Text.Json;
using Decisioning.Serialization;

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
        var reader = new Utf8LineReader(stream);
        while (true)
        {
            if (!reader.TryReadLine(out var line))
            {
                yield break;
            }

            if (!line.IsEmpty)
            {
                yield return line.ToArray();
            }
        }
    }

    /// <summary>The non-empty lines of a file, lazily.</summary>
    public static IEnumerable<string> ReadText(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var reader = new Utf8LineReader(stream);
        while (true)
        {
            if (!reader.TryReadLine(out var line))
            {
                yield break;
            }

            if (!line.IsEmpty)
            {
                yield return Utf8.GetString(line);
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
