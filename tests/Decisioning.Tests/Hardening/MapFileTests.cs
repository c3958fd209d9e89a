using Decisioning.Files;
using System.Diagnostics;
using Decisioning.Diagnostics;
using Decisioning.Loading;
using Decisioning.Tests.Cli;
using Xunit;

namespace Decisioning.Tests.Hardening;

/// <summary>
/// Files a map names (lists, adaptive states) resolve inside the map's folder, to regular files,
/// under a size limit; the map file itself is a regular file. A map can neither read the machine's
/// other files (nor learn whether they exist) nor hang or exhaust the loader with a FIFO or a device
/// (docs/limits.md, "Map files").
/// </summary>
public sealed class MapFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("decisioning-mapfiles-").FullName;

    public MapFileTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "map", "lists"));
        Directory.CreateDirectory(Path.Combine(_root, "outside"));
        File.WriteAllText(Path.Combine(_root, "outside", "secret.csv"), "C001\n");
        File.WriteAllText(Path.Combine(_root, "map", "lists", "vip.csv"), "C001\nC002\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string MapFolder => Path.Combine(_root, "map");

    // The list is on line 5; its text starts inside the quotes, at column 23.
    private static string MapNaming(string list) => $$"""
        map: files
        customer: { fields: { age: int } }
        segments:
          - { id: adults, when: age >= 18 }
          - { id: vip, list: "{{list}}" }
        products: [ { id: p } ]
        channels: [ { id: c } ]
        strategies: [ { id: s, target: [vip], product: p, channels: [c] } ]
        """;

    private LoadResult LoadNaming(string list)
    {
        var path = Path.Combine(MapFolder, "map.yaml");
        File.WriteAllText(path, MapNaming(list));
        return LoadWithin(path, TimeSpan.FromSeconds(5));
    }

    // A load that hangs fails the test instead of the whole run (the loader's thread is a background one).
    private static LoadResult LoadWithin(string path, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var load = Task.Run(() => MapLoader.Load(path));
        Assert.True(load.Wait(limit), $"loading '{path}' did not end within {limit}");
        Assert.True(clock.Elapsed < limit);
        return load.Result;
    }

    private static Diagnostic SingleError(LoadResult result, string code)
    {
        Assert.False(result.Success);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.True(error.Code == code, error.ToString());
        return error;
    }

    private static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
    }

    [Theory]
    [InlineData("../../../../../../../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("/proc/self/environ")]
    [InlineData("../outside/secret.csv")]
    [InlineData("lists/../../outside/secret.csv")]
    public void List_OutsideTheMapFolder_IsRefusedAtItsPosition(string list)
    {
        var error = SingleError(LoadNaming(list), DiagnosticCodes.FileOutsideMap);

        Assert.Equal(5, error.Location.Line);
        Assert.Equal(23, error.Location.Column);
        Assert.EndsWith("map.yaml", error.Location.File);
        Assert.Contains("outside the map's folder", error.Message);
    }

    [Fact]
    public void List_OutsideTheFolderThatDoesNotExist_IsRefusedNotReportedMissing()
    {
        // "does not exist" for an outside path would tell a map author which files the machine holds.
        var error = SingleError(LoadNaming("../../no/such/file.csv"), DiagnosticCodes.FileOutsideMap);

        Assert.DoesNotContain("does not exist", error.Message);
    }

    [UnixFact]
    public void List_LinkToAFileOutsideTheFolder_IsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(MapFolder, "lists", "linked.csv"), Path.Combine(_root, "outside", "secret.csv"));

        var error = SingleError(LoadNaming("lists/linked.csv"), DiagnosticCodes.FileOutsideMap);

        Assert.Contains("through a link", error.Message);
    }

    [UnixFact]
    public void List_ThroughALinkedFolderOutside_IsRefused()
    {
        Directory.CreateSymbolicLink(Path.Combine(MapFolder, "shared"), Path.Combine(_root, "outside"));

        SingleError(LoadNaming("shared/secret.csv"), DiagnosticCodes.FileOutsideMap);
    }

    [UnixFact]
    public void List_LinkToADeviceOutsideTheFolder_IsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(MapFolder, "lists", "zero.csv"), "/dev/zero");

        SingleError(LoadNaming("lists/zero.csv"), DiagnosticCodes.FileOutsideMap);
    }

    [UnixFact]
    public void List_LinkInsideTheFolder_IsRead()
    {
        File.CreateSymbolicLink(Path.Combine(MapFolder, "current.csv"), "lists/vip.csv");

        var result = LoadNaming("current.csv");

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal(["C001", "C002"], result.Plan!.Segments[1].Members!.Order(StringComparer.Ordinal));
    }

    [UnixFact]
    public void List_LinkLoop_IsUnreadableNotAHang()
    {
        File.CreateSymbolicLink(Path.Combine(MapFolder, "lists", "a.csv"), "b.csv");
        File.CreateSymbolicLink(Path.Combine(MapFolder, "lists", "b.csv"), "a.csv");

        var error = SingleError(LoadNaming("lists/a.csv"), DiagnosticCodes.FileUnreadable);

        Assert.Contains("more than 40 symbolic links", error.Message);
    }

    [UnixFact]
    public void List_Fifo_IsRefusedWithoutOpeningIt()
    {
        MakeFifo(Path.Combine(MapFolder, "lists", "pipe.csv"));

        var error = SingleError(LoadNaming("lists/pipe.csv"), DiagnosticCodes.NotRegularFile);

        Assert.Contains("FIFO", error.Message);
        Assert.Equal(5, error.Location.Line);
    }

    [Fact]
    public void List_Folder_IsRefusedAsNotARegularFile()
    {
        var error = SingleError(LoadNaming("lists"), DiagnosticCodes.NotRegularFile);

        Assert.Contains("a folder", error.Message);
    }

    [Fact]
    public void List_LargerThanTheLimit_IsRefusedBeforeReading()
    {
        // A sparse file: its length is over the limit, its blocks are not written.
        using (var big = new FileStream(Path.Combine(MapFolder, "lists", "big.csv"), FileMode.Create))
        {
            big.SetLength(MapFileRules.MaxNamedFileBytes + 1);
        }

        var error = SingleError(LoadNaming("lists/big.csv"), DiagnosticCodes.NamedFileTooLarge);

        Assert.Contains("268,435,456", error.Message);
    }

    [Fact]
    public void List_MissingInsideTheFolder_IsStillReportedMissing()
    {
        SingleError(LoadNaming("lists/nope.csv"), DiagnosticCodes.ListFileMissing);
    }

    [UnixFact]
    public void MapFile_Fifo_IsRefusedWithoutHanging()
    {
        var path = Path.Combine(_root, "pipe.yaml");
        MakeFifo(path);

        var error = SingleError(LoadWithin(path, TimeSpan.FromSeconds(5)), DiagnosticCodes.NotRegularFile);

        Assert.Equal(1, error.Location.Line);
        Assert.Contains("FIFO", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("map\0.yaml")]
    public void MapPath_EmptyOrWithANulCharacter_IsUnreadableNotAnException(string path)
    {
        // Path.GetFullPath throws on both; the loader never throws for a path, it reports it (DM002).
        var error = SingleError(LoadWithin(path, TimeSpan.FromSeconds(5)), DiagnosticCodes.FileUnreadable);

        Assert.Contains("no such file or folder", error.Message);
    }

    [UnixFact]
    public void MapFile_DevZero_IsRefusedWithoutReading()
    {
        var error = SingleError(LoadWithin("/dev/zero", TimeSpan.FromSeconds(5)), DiagnosticCodes.NotRegularFile);

        Assert.Contains("character device", error.Message);
    }

    [UnixFact]
    public void MapFolder_FifoNamedYaml_IsRefused()
    {
        File.WriteAllText(Path.Combine(MapFolder, "a.yaml"), MapNaming("lists/vip.csv"));
        MakeFifo(Path.Combine(MapFolder, "b.yaml"));

        var error = SingleError(LoadWithin(MapFolder, TimeSpan.FromSeconds(5)), DiagnosticCodes.NotRegularFile);

        Assert.EndsWith("b.yaml", error.Location.File);
    }

    [UnixFact]
    public void MapFolder_YamlLinkedFromOutside_IsRefused()
    {
        File.WriteAllText(Path.Combine(MapFolder, "a.yaml"), MapNaming("lists/vip.csv"));
        File.WriteAllText(Path.Combine(_root, "outside", "extra.yaml"), "description: outside\n");
        File.CreateSymbolicLink(Path.Combine(MapFolder, "b.yaml"), Path.Combine(_root, "outside", "extra.yaml"));

        var error = SingleError(LoadWithin(MapFolder, TimeSpan.FromSeconds(5)), DiagnosticCodes.FileOutsideMap);

        Assert.EndsWith("b.yaml", error.Location.File);
    }

    [UnixFact]
    public void MapFile_LinkToAMapElsewhere_IsFollowed()
    {
        var target = Path.Combine(MapFolder, "map.yaml");
        File.WriteAllText(target, MapNaming("lists/vip.csv"));
        var link = Path.Combine(_root, "current.yaml");
        File.CreateSymbolicLink(link, target);

        // The user named the link: it is followed; its lists are relative to the link's folder.
        var result = LoadWithin(link, TimeSpan.FromSeconds(5));

        SingleError(result, DiagnosticCodes.ListFileMissing);
    }

    [UnixFact]
    public void AdaptiveState_LinkedFromOutside_IsRefused()
    {
        File.WriteAllText(Path.Combine(_root, "outside", "state.json"), "{}");
        File.CreateSymbolicLink(Path.Combine(MapFolder, "state.json"), Path.Combine(_root, "outside", "state.json"));
        var path = Path.Combine(MapFolder, "map.yaml");
        File.WriteAllText(path, """
            map: files
            customer: { fields: { age: int } }
            models:
              - { id: m, kind: adaptive, predictors: { age: [30] }, state: state.json }
            products: [ { id: p } ]
            channels: [ { id: c } ]
            strategies: [ { id: s, product: p, channels: [c], propensity: { model: m } } ]
            """);

        var error = SingleError(LoadWithin(path, TimeSpan.FromSeconds(5)), DiagnosticCodes.FileOutsideMap);

        Assert.Equal(4, error.Location.Line);
    }

    [UnixFact]
    public void Validate_FifoAsMap_PrintsTheDiagnosticAndExits1()
    {
        var path = Path.Combine(_root, "pipe.yaml");
        MakeFifo(path);

        var run = Task.Run(() => CliRunner.Run("validate", path));
        Assert.True(run.Wait(TimeSpan.FromSeconds(10)), "validate hung on a FIFO");
        var (exit, output, error) = run.Result;

        Assert.Equal(1, exit);
        Assert.Contains($"error {DiagnosticCodes.NotRegularFile}:", output + error);
    }
}

/// <summary>A fact that needs Unix file kinds (FIFOs, devices, symbolic links): skipped elsewhere, with its reason.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs Unix FIFOs, devices and symbolic links (mkfifo, /dev/zero)";
        }
    }
}
