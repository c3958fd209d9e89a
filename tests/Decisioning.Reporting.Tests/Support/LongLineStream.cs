using System.Text;

namespace Decisioning.Reporting.Tests.Support;

/// <summary>
/// A stream of <c>head</c>, then <c>length</c> bytes of 'x' with no line break, then <c>tail</c>:
/// a file of gigabytes without a newline (a dump, /dev/zero) without holding it in memory.
/// </summary>
internal sealed class LongLineStream(string head, long length, string tail) : Stream
{
    private readonly byte[] _head = Encoding.UTF8.GetBytes(head);
    private readonly byte[] _tail = Encoding.UTF8.GetBytes(tail);
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        var written = 0;
        while (written < destination.Length)
        {
            var room = destination.Length - written;
            var bodyEnd = _head.Length + length;
            int n;
            if (_position < _head.Length)
            {
                n = Math.Min(room, _head.Length - (int)_position);
                _head.AsSpan((int)_position, n).CopyTo(destination[written..]);
            }
            else if (_position < bodyEnd)
            {
                n = (int)Math.Min(room, bodyEnd - _position);
                destination.Slice(written, n).Fill((byte)'x');
            }
            else if (_position - bodyEnd < _tail.Length)
            {
                n = Math.Min(room, _tail.Length - (int)(_position - bodyEnd));
                _tail.AsSpan((int)(_position - bodyEnd), n).CopyTo(destination[written..]);
            }
            else
            {
                break;
            }

            written += n;
            _position += n;
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
