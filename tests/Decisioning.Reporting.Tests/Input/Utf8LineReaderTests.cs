using Decisioning.Files;
using System.Text;

namespace Decisioning.Reporting.Tests.Input;

public class Utf8LineReaderTests
{
    private static List<string> ReadAll(string text, bool byteOrderMark = false)
    {
        var preamble = byteOrderMark ? Encoding.UTF8.GetPreamble() : [];
        var reader = new Utf8LineReader(new MemoryStream(preamble.Concat(Encoding.UTF8.GetBytes(text)).ToArray()));
        var lines = new List<string>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add(Encoding.UTF8.GetString(line));
        }

        return lines;
    }

    [Fact]
    public void TryReadLine_CrLfAndByteOrderMark_AreStripped()
    {
        Assert.Equal(["a", "王女士", "c"], ReadAll("a\r\n王女士\nc", byteOrderMark: true));
    }

    [Fact]
    public void TryReadLine_TrailingNewline_GivesNoExtraLine()
    {
        Assert.Equal(["a", "b"], ReadAll("a\nb\n"));
    }

    [Fact]
    public void TryReadLine_LineLongerThanTheBuffer_IsReturnedWhole()
    {
        var longLine = new string('x', 300_000);

        Assert.Equal([longLine, "y"], ReadAll(longLine + "\ny"));
    }

    [Fact]
    public void TryReadLine_EmptyStream_GivesNoLine()
    {
        Assert.Empty(ReadAll(string.Empty));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(" \t ", true)]
    [InlineData(" {}", false)]
    public void IsBlank_SpacesAndTabsOnly(string line, bool blank)
    {
        Assert.Equal(blank, Utf8LineReader.IsBlank(Encoding.UTF8.GetBytes(line)));
    }
}
