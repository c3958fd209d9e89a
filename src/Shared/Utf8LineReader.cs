using System.Text;

namespace Decisioning.Files;

/// <summary>
/// The product's one reader of JSON-lines files: splits a UTF-8 stream into lines without decoding
/// them, so that a file of ten million lines is read through one reusable buffer. A line ends at
/// <c>\n</c> or <c>\r\n</c>; a byte order mark at the start of the stream is dropped; a last line
/// without its newline is still a line. A stream that starts with a UTF-16 or UTF-32 byte order
/// mark (what Windows PowerShell 5 writes with <c>&gt;</c>) is read as that encoding and its lines
/// given as UTF-8, as a <see cref="StreamReader"/> would have read it. Not thread-safe.
/// </summary>
internal sealed class Utf8LineReader
{
    /// <summary>
    /// The longest line of a JSON-lines file the product reads whole: 16 MiB. Every reader of
    /// snapshots, decisions and outcomes cuts a longer line there (and counts it bad), so that a
    /// file without line breaks (<c>/dev/zero</c>, a dump of gigabytes) cannot exhaust memory.
    /// </summary>
    public const int MaxRecordLength = 16 * 1024 * 1024;

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    // The longest line kept whole; a line is cut at `maxLineLength + 1` bytes.
    private readonly int maxLineLength;
    private Stream stream;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private bool endOfStream;
    private bool atFirstLine = true;
    private bool encodingChecked;

    /// <summary>A reader of <paramref name="stream"/> that keeps every line whole.</summary>
    public Utf8LineReader(Stream stream)
        : this(stream, Array.MaxLength - 2)
    {
    }

    /// <summary>
    /// A reader of <paramref name="stream"/> that keeps at most <paramref name="maxLineLength"/> + 1
    /// bytes of a line: a longer line is cut there and the rest of it read and dropped, so that an
    /// input without line breaks (<c>/dev/zero</c>) runs in bounded memory and its reader can tell
    /// the line was too long.
    /// </summary>
    public Utf8LineReader(Stream stream, int maxLineLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLineLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLineLength, Array.MaxLength - 2);
        this.stream = stream;
        this.maxLineLength = maxLineLength;
    }

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
            // A line of the limit's length may still end in the \r of a \r\n: hence + 1.
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0 && newline <= maxLineLength + 1)
            {
                line = Take(newline, newline + 1);
                return true;
            }

            if (newline > maxLineLength + 1 || end - start > maxLineLength + 1)
            {
                line = Cut();
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

    /// <summary>
    /// <paramref name="line"/> itself when it is valid UTF-8; else the line decoded with each invalid
    /// sequence replaced by U+FFFD and encoded again, as a <see cref="StreamReader"/> reads it.
    /// </summary>
    public static ReadOnlySpan<byte> AsText(ReadOnlySpan<byte> line) =>
        System.Text.Unicode.Utf8.IsValid(line) ? line : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(line));

    /// <summary>True when the line holds nothing but spaces and tabs.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t"u8).IsEmpty;

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

    // A line longer than the limit: its first limit + 1 bytes, the rest read up to its newline and dropped.
    private ReadOnlySpan<byte> Cut()
    {
        var kept = start + maxLineLength + 1;
        while (true)
        {
            if (end > kept)
            {
                var newline = buffer.AsSpan(kept, end - kept).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    // The next line's bytes stay where they are, after the kept part.
                    var line = buffer.AsSpan(start, maxLineLength + 1);
                    start = kept + newline + 1;
                    LineNumber++;
                    atFirstLine = false;
                    return line;
                }

                end = kept;
            }

            if (endOfStream)
            {
                var line = buffer.AsSpan(start, maxLineLength + 1);
                start = end;
                LineNumber++;
                atFirstLine = false;
                return line;
            }

            Fill();
            kept = start + maxLineLength + 1;
        }
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
            // Doubling a buffer of 1 GiB overflows int: the last step is to the largest array instead
            // (a line of the unbounded reader is cut at Array.MaxLength - 1 bytes, so it never fills that).
            Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, Array.MaxLength));
        }

        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0)
        {
            endOfStream = true;
        }

        end += read;
        if (!encodingChecked)
        {
            // The first bytes of the stream: enough of them to tell a UTF-16 or UTF-32 mark.
            while (end < 4 && !endOfStream)
            {
                read = stream.Read(buffer, end, buffer.Length - end);
                endOfStream = read == 0;
                end += read;
            }

            encodingChecked = true;
            CheckEncoding();
        }
    }

    // A UTF-16 or UTF-32 byte order mark: the rest of the stream is transcoded to UTF-8 as it is read.
    private void CheckEncoding()
    {
        var head = buffer.AsSpan(0, end);
        Encoding? encoding = head switch
        {
            [0xFF, 0xFE, 0, 0, ..] => Encoding.UTF32,
            [0, 0, 0xFE, 0xFF, ..] => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
            [0xFF, 0xFE, ..] => Encoding.Unicode,
            [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
            _ => null,
        };
        if (encoding is null)
        {
            return;
        }

        var read = head.ToArray();
        stream = Encoding.CreateTranscodingStream(new PrefixedStream(read, stream), encoding, Encoding.UTF8);
        end = 0;
        endOfStream = false;
    }

    /// <summary>Bytes already read from a stream, then the rest of it.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> destination)
        {
            if (_position < prefix.Length)
            {
                var count = Math.Min(destination.Length, prefix.Length - _position);
                prefix.AsSpan(_position, count).CopyTo(destination);
                _position += count;
                return count;
            }

            return rest.Read(destination);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
