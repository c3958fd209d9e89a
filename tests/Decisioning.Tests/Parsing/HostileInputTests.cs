using System.Diagnostics;
using System.Text;
using Decisioning.Diagnostics;
using Decisioning.Loading;
using Xunit;

namespace Decisioning.Tests.Parsing;

/// <summary>Bad input gets a clear, positioned error within two seconds: never a crash or a hang.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("decisioning-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private LoadResult LoadWithin2Seconds(byte[] content, string name = "map.yaml")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        var clock = Stopwatch.StartNew();
        var result = MapLoader.Load(path);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        return result;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Load_FiftyMegabyteFile_IsRefusedBySize()
    {
        var result = LoadWithin2Seconds(Utf8("map: big\n" + new string('#', 50 * 1024 * 1024)));

        Assert.Equal(DiagnosticCodes.TooLarge, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Load_NestingTenThousandDeep_IsRefusedWithPosition()
    {
        var result = LoadWithin2Seconds(Utf8("map: deep\nx: " + new string('[', 10_000) + new string(']', 10_000) + "\n"));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.TooDeep, error.Code);
        Assert.Equal(2, error.Location.Line);
    }

    [Fact]
    public void Load_BlockNestingTenThousandDeep_IsRefused()
    {
        // Block sequences nested on one line: "- - - ... x", ten thousand deep.
        var text = "map: deep\nx:\n  " + string.Concat(Enumerable.Repeat("- ", 10_000)) + "x\n";

        var result = LoadWithin2Seconds(Utf8(text));

        Assert.Contains(result.Diagnostics, d => d.Code is DiagnosticCodes.TooDeep or DiagnosticCodes.YamlSyntax);
    }

    [Fact]
    public void Load_BillionLaughs_IsRefusedAtTheFirstAlias()
    {
        var text = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            text.Append(level).Append(": &").Append(level).Append(" [")
                .Append(string.Join(", ", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
        }

        var result = LoadWithin2Seconds(Utf8(text.ToString()));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.AliasNotAllowed, error.Code);
        Assert.Equal(new SourceLocation(error.Location.File, 2, 8), error.Location);
    }

    [Fact]
    public void Load_NotUtf8_PointsAtTheFirstBadByte()
    {
        var result = LoadWithin2Seconds([.. Utf8("map: x\nname: "), 0xC4, 0xE3, 0xBA, 0xC3, .. Utf8("\n")]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.NotUtf8, error.Code);
        Assert.Equal((2, 7), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Load_EmptyFile_SaysTheMapIsEmpty()
    {
        var result = LoadWithin2Seconds([]);

        Assert.Equal(DiagnosticCodes.EmptyMap, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Load_GarbageBytes_GivesDiagnosticsOnly()
    {
        var random = new Random(7);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(1, 400)];
            random.NextBytes(bytes);
            var result = LoadWithin2Seconds(bytes, $"garbage-{i}.yaml");
            Assert.False(result.Success);
            Assert.NotEmpty(result.Diagnostics);
        }
    }

    private const string VipListMap = """
        map: lists
        customer: { fields: { age: int } }
        segments:
          - { id: vip, list: lists/vip.csv }
        products: [ { id: p } ]
        channels: [ { id: c } ]
        strategies: [ { id: s, target: [vip], product: p, channels: [c] } ]
        """;

    [Fact]
    public void Load_ListFileWithBomCrlfAndBlankLines_ReadsEveryId()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "lists"));
        File.WriteAllBytes(Path.Combine(_dir, "lists", "vip.csv"), [0xEF, 0xBB, 0xBF, .. Utf8("C001\r\n\r\n  C042  \r\n\r\nC100,extra\r\n")]);
        var result = LoadWithin2Seconds(Utf8(VipListMap));

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal(["C001", "C042", "C100"], result.Plan!.Segments[0].Members!.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Load_ListFileInUtf16_ReadsTheSameIdsAsInUtf8()
    {
        // A list saved by Windows PowerShell 5 (`> vip.csv`) is UTF-16 with a byte order mark: read
        // by the product's one line reader, as every other input file.
        Directory.CreateDirectory(Path.Combine(_dir, "lists"));
        File.WriteAllText(Path.Combine(_dir, "lists", "vip.csv"), "C001\r\n王女士,x\r\nC100\r\n", System.Text.Encoding.Unicode);
        var result = LoadWithin2Seconds(Utf8(VipListMap));

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal(["C001", "C100", "王女士"], result.Plan!.Segments[0].Members!.Order(StringComparer.Ordinal).ToArray());
    }
}
