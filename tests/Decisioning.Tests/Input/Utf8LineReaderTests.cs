using Decisioning.Files;
using System.Text;
using Xunit;

namespace Decisioning.Tests.Input;

/// <summary>The product's one line reader: line ends, byte order marks, encodings and the length limit.</summary>
public class Utf8LineReaderTests
{
    private static List<string> ReadAll(byte[] bytes, int maxLineLength = 1 << 20, int chunk = int.MaxValue)
    {
        var reader = new Utf8LineReader(new TrickleStream(bytes, chunk), maxLineLength);
        var lines = new List<string>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add(Encoding.UTF8.GetString(line));
        }

        return lines;
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    [InlineData("utf-32BE")]
    public void TryReadLine_AnyByteOrderMark_GivesTheSameUtf8Lines(string encoding)
    {
        var text = Encoding.GetEncoding(encoding);
        var bytes = text.GetPreamble().Concat(text.GetBytes("{\"a\":\"王女士\"}\r\n\r\n{\"b\":2}\n{\"c\":3}")).ToArray();

        // Read whole, and two bytes at a time (a pipe that hands over less than a byte order mark).
        Assert.Equal(["{\"a\":\"王女士\"}", "", "{\"b\":2}", "{\"c\":3}"], ReadAll(bytes));
        Assert.Equal(["{\"a\":\"王女士\"}", "", "{\"b\":2}", "{\"c\":3}"], ReadAll(bytes, chunk: 2));
    }

    [Fact]
    public void TryReadLine_ByteOrderMarkAfterTheStart_IsKept()
    {
        var bytes = Encoding.UTF8.GetBytes("a\n\uFEFFb");

        Assert.Equal(["a", "\uFEFFb"], ReadAll(bytes));
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(7)]
    public void TryReadLine_LineLongerThanTheLimit_IsCutOnePastItAndTheNextLineGoesOn(int chunk)
    {
        var bytes = Encoding.UTF8.GetBytes("short\n" + new string('x', 100) + "\nnext\n" + new string('y', 50));

        Assert.Equal(["short", new string('x', 11), "next", new string('y', 11)], ReadAll(bytes, maxLineLength: 10, chunk: chunk));
    }

    [Fact]
    public void TryReadLine_LineOfTheLimitEndingInCrLf_IsKeptWhole()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('x', 10) + "\r\n" + new string('y', 11) + "\r\nz");

        Assert.Equal([new string('x', 10), new string('y', 11), "z"], ReadAll(bytes, maxLineLength: 10));
    }

    [Fact]
    public void AsText_BytesThatAreNotUtf8_AreReplacedAsStreamReaderDoes()
    {
        byte[] line = [.. "{\"name\":\"a"u8, 0xFF, 0xE4, 0xB8, .. "b\"}"u8];
        var expected = new StreamReader(new MemoryStream(line), new UTF8Encoding(false)).ReadToEnd();

        Assert.Equal(expected, Encoding.UTF8.GetString(Utf8LineReader.AsText(line)));
        Assert.Equal("{\"name\":\"a\uFFFD\uFFFDb\"}", expected);
        Assert.True(Utf8LineReader.AsText("{\"王\":1}"u8).SequenceEqual("{\"王\":1}"u8));
    }

    /// <summary>A stream that hands over at most <c>chunk</c> bytes a read, as a pipe may.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
