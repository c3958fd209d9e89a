using System.Text;
using Decisioning.Batch;
using Xunit;

namespace Decisioning.Tests.Batch;

/// <summary>
/// Batch files are read by the product's one line reader, the one reports use: a byte order mark
/// and CRLF endings (a file saved on Windows) read as the same lines as a plain file.
/// </summary>
public sealed class JsonLinesTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"jsonlines-{Guid.NewGuid():N}.jsonl");

    [Fact]
    public void ReadText_BomAndCrlf_GivesThePlainLines()
    {
        File.WriteAllBytes(_path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"a\":1}\r\n\r\n{\"b\":\"王\"}\r\n{\"c\":3}")]);

        Assert.Equal(["{\"a\":1}", "{\"b\":\"王\"}", "{\"c\":3}"], JsonLines.ReadText(_path));
    }

    [Fact]
    public void ReadUtf8_BomAndCrlf_GivesThePlainLinesAsBytes()
    {
        File.WriteAllBytes(_path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"a\":1}\r\n{\"b\":2}\n")]);

        Assert.Equal(["{\"a\":1}", "{\"b\":2}"], JsonLines.ReadUtf8(_path).Select(b => Encoding.UTF8.GetString(b)));
    }

    public void Dispose() => File.Delete(_path);
}
