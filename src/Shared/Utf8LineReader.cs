namespace Decisioning.Streaming;

/// <summary>
/// The product's one reader of JSON-lines files: splits a UTF-8 stream into lines without decoding
/// them, so that a file of ten million lines is read through one reusable buffer. A line ends at
/// <c>\n</c> or <c>\r\n</c>; a UTF-8 byte order mark before the first line is dropped; a last
/// line without its newline is still a line. Not thread-safe.
/// </summary>
internal sealed class Utf8LineReader
{
    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private readonly Stream stream;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private bool endOfStream;
    private bool atFirstLine = true;

    public Utf8LineReader(Stream stream) => this.stream = stream;

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// Reads the next line, without its <c>\n</c> or <c>\r\n</c>. The span is valid only until the
    /// next call.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Take(newline, newline + 1);
                return true;
            }

            if (endOfStream)
            {
                if (start < end)
                {
                    line = Take(end - start, end - start);
                    return true;
                }

                line = default;
                return false;
            }

            Fill();
        }
    }

    private ReadOnlySpan<byte> Take(int length, int consumed)
    {
        var line = buffer.AsSpan(start, length);
        start += consumed;
        LineNumber++;
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (atFirstLine)
        {
            atFirstLine = false;
            if (line.StartsWith(ByteOrderMark))
            {
                line = line[ByteOrderMark.Length..];
            }
        }

        return line;
    }

    private void Fill()
    {
        if (start > 0)
        {
            // Invariant: bytes before `start` were handed out and are no longer needed.
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
            endOfStream = true;
        }

        end += read;
    }

    /// <summary>True when the line holds nothing but spaces and tabs.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t"u8).IsEmpty;
}
