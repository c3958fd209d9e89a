using Decisioning.Snapshots;
using Decisioning.Telemetry;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Decisioning.Tests.Hosting;

public class HotReloadTests
{
    private static readonly CustomerSnapshot Customer = CustomerSnapshot.FromJson(DemoMap.CustomerJson);

    [Fact]
    public void FileRewritten_ValidVersion_IsSwappedIn()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = Watching(folder.FilePath);
        Assert.Equal("v1", Decide(fixture).Version);

        folder.Write(DemoMap.Valid(2));

        EngineFixture.WaitUntil(() => fixture.Engine.GetMap(DemoMap.Id)!.Version == "v2", "v2 serves");
        var decision = Decide(fixture);
        Assert.Equal("v2", decision.Version);
        Assert.Equal("v2 for Wang", decision.Actions[0].Script);
        Assert.Equal(2, fixture.Engine.GetMap(DemoMap.Id)!.Generation);
    }

    [Fact]
    public void FileRewritten_BrokenVersion_OldVersionKeepsServingAndEveryErrorIsLogged()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = Watching(folder.FilePath);

        folder.Write(DemoMap.Broken(2));

        EngineFixture.WaitUntil(() => fixture.Engine.GetMap(DemoMap.Id)!.LastFailure is not null, "the reload is refused");
        Assert.Equal("v1", Decide(fixture).Version);
        var failure = fixture.Engine.GetMap(DemoMap.Id)!.LastFailure!;
        Assert.Equal(2, failure.Errors.Count);
        var log = Assert.Single(fixture.LogsOf("MapLoadFailed"));
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Contains("version 'v1' keeps serving", log.Message);
        Assert.All(failure.Errors, error => Assert.Contains(error, log.Message));
    }

    [Fact]
    public void FileFixedAfterABrokenVersion_NewVersionServesAndFailureIsCleared()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = Watching(folder.FilePath);
        folder.Write(DemoMap.Broken(2));
        EngineFixture.WaitUntil(() => fixture.Engine.GetMap(DemoMap.Id)!.LastFailure is not null, "the reload is refused");

        folder.Write(DemoMap.Valid(3));

        EngineFixture.WaitUntil(() => fixture.Engine.GetMap(DemoMap.Id)!.Version == "v3", "v3 serves");
        Assert.Null(fixture.Engine.GetMap(DemoMap.Id)!.LastFailure);
    }

    [Fact]
    public async Task ReloadAsync_WithoutWatching_LoadsTheCurrentContent()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath).Configure(o => o.WatchForChanges = false)).Started();
        folder.Write(DemoMap.Broken(2));

        var refused = await fixture.Engine.ReloadAsync(DemoMap.Id);
        folder.Write(DemoMap.Valid(3));
        var loaded = await fixture.Engine.ReloadAsync(DemoMap.Id);

        Assert.False(refused.Succeeded);
        Assert.Equal("v1", refused.Serving.Version);
        Assert.Equal(2, refused.Errors.Count);
        Assert.True(loaded.Succeeded);
        Assert.Equal("v3", loaded.Serving.Version);
        Assert.Empty(loaded.Errors);
    }

    [Fact]
    public async Task ReloadAsync_SameVersionText_WarnsThatDecisionsCannotTellThemApart()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath).Configure(o => o.WatchForChanges = false)).Started();
        folder.Write(DemoMap.Valid(2, version: "v1"));

        await fixture.Engine.ReloadAsync(DemoMap.Id);

        Assert.Equal(LogLevel.Warning, Assert.Single(fixture.LogsOf("MapVersionUnchanged")).Level);
    }

    [Fact]
    public void NamedListChanged_InAFolderMap_Reloads()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1).Replace(
            "  - { id: adults, when: age >= 18 }", "  - { id: adults, list: lists/adults.csv }"));
        Directory.CreateDirectory(Path.Combine(folder.Folder, "lists"));
        File.WriteAllText(Path.Combine(folder.Folder, "lists", "adults.csv"), "C9\n");
        using var fixture = Watching(folder.Folder);
        Assert.DoesNotContain("adults", Decide(fixture).Segments);

        folder.Replace(Path.Combine(folder.Folder, "lists", "adults.csv"), "C9\nC1\n");

        EngineFixture.WaitUntil(() => Decide(fixture).Segments.Contains("adults"), "C1 is on the list");
    }

    // Deployments that replace a folder map whole: each used to leave the watcher on the folder
    // that was gone, so the new version and every later edit went unseen while the old one served.
    [Theory]
    [InlineData("deleted and made again")]
    [InlineData("swapped by renames")]
    [InlineData("a link to it swapped")]
    public void FolderMapReplacedWhole_TheNewFolderServesAndIsWatched(string how)
    {
        using var root = new TempMapFolder("");
        var map = Path.Combine(root.Folder, "map");
        var first = how == "a link to it swapped" ? Path.Combine(root.Folder, "release-1") : map;
        WriteFolder(first, DemoMap.Valid(1));
        if (first != map)
        {
            Directory.CreateSymbolicLink(map, "release-1");
        }

        using var fixture = Watching(map);
        Assert.Equal("v1", Decide(fixture).Version);

        switch (how)
        {
            case "deleted and made again":
                Directory.Delete(map, recursive: true);
                EngineFixture.WaitUntil(() => fixture.Engine.GetMap(DemoMap.Id)!.LastFailure is not null, "the missing folder is refused");
                WriteFolder(map, DemoMap.Valid(2));
                break;
            case "swapped by renames":
                WriteFolder(map + ".next", DemoMap.Valid(2));
                Directory.Move(map, map + ".old");
                Directory.Move(map + ".next", map);
                break;
            default:
                WriteFolder(Path.Combine(root.Folder, "release-2"), DemoMap.Valid(2));
                Directory.CreateSymbolicLink(map + ".next", "release-2");
                Rename(map + ".next", map);
                break;
        }

        EngineFixture.WaitUntil(() => fixture.Engine.GetMap(DemoMap.Id)!.Version == "v2", "v2 serves");
        root.Replace(Path.Combine(map, "map.yaml"), DemoMap.Valid(3));
        EngineFixture.WaitUntil(() => fixture.Engine.GetMap(DemoMap.Id)!.Version == "v3", "a later edit of the new folder serves");
    }

    // A Kubernetes config map: its files are links through ..data, and an update writes a new
    // folder and renames only a new ..data link over the old one. No event named a map file.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ConfigMapUpdated_ByItsDataLinkAlone_TheNewVersionServes(bool folderMap)
    {
        using var root = new TempMapFolder("");
        var mount = Path.Combine(root.Folder, "config");
        WriteFolder(Path.Combine(mount, "..2026_11_23_v1"), DemoMap.Valid(1));
        Directory.CreateSymbolicLink(Path.Combine(mount, "..data"), "..2026_11_23_v1");
        File.CreateSymbolicLink(Path.Combine(mount, "map.yaml"), Path.Combine("..data", "map.yaml"));
        using var fixture = Watching(folderMap ? mount : Path.Combine(mount, "map.yaml"));
        Assert.Equal("v1", Decide(fixture).Version);

        WriteFolder(Path.Combine(mount, "..2026_11_24_v2"), DemoMap.Valid(2));
        Directory.CreateSymbolicLink(Path.Combine(mount, "..data_tmp"), "..2026_11_24_v2");
        Rename(Path.Combine(mount, "..data_tmp"), Path.Combine(mount, "..data"));
        Directory.Delete(Path.Combine(mount, "..2026_11_23_v1"), recursive: true);

        EngineFixture.WaitUntil(() => fixture.Engine.GetMap(DemoMap.Id)!.Version == "v2", "v2 serves");
    }

    [Fact]
    public void NamedListsFolderSwappedByRenames_InAFolderMap_Reloads()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1).Replace(
            "  - { id: adults, when: age >= 18 }", "  - { id: adults, list: lists/adults.csv }"));
        var lists = Path.Combine(folder.Folder, "lists");
        Directory.CreateDirectory(lists);
        File.WriteAllText(Path.Combine(lists, "adults.csv"), "C9\n");
        using var fixture = Watching(folder.Folder);
        Assert.DoesNotContain("adults", Decide(fixture).Segments);

        Directory.CreateDirectory(lists + ".next");
        File.WriteAllText(Path.Combine(lists + ".next", "adults.csv"), "C9\nC1\n");
        Directory.Move(lists, lists + ".old");
        Directory.Move(lists + ".next", lists);

        EngineFixture.WaitUntil(() => Decide(fixture).Segments.Contains("adults"), "C1 is on the list");
    }

    [Fact]
    public async Task ReloadAsync_OnlyANamedListChanged_DoesNotWarnAboutTheVersion()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1).Replace(
            "  - { id: adults, when: age >= 18 }", "  - { id: adults, list: lists/adults.csv }"));
        Directory.CreateDirectory(Path.Combine(folder.Folder, "lists"));
        File.WriteAllText(Path.Combine(folder.Folder, "lists", "adults.csv"), "C9\n");
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath).Configure(o => o.WatchForChanges = false)).Started();
        File.WriteAllText(Path.Combine(folder.Folder, "lists", "adults.csv"), "C9\nC1\n");

        var reloaded = await fixture.Engine.ReloadAsync(DemoMap.Id);

        Assert.True(reloaded.Succeeded);
        Assert.Contains("adults", Decide(fixture).Segments);
        Assert.Empty(fixture.LogsOf("MapVersionUnchanged"));
    }

    [Fact]
    public void BurstOfChanges_WithinTheDebounce_LoadsOnce()
    {
        var source = new InMemoryMapSource(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, _ => source).Configure(o => o.ReloadDebounce = TimeSpan.FromMilliseconds(300)));
        using var reloads = fixture.Collect<long>(DecisioningTelemetry.Instruments.MapReloads);
        _ = fixture.Engine;

        for (var i = 2; i <= 6; i++)
        {
            source.Change(DemoMap.Valid(i));
        }

        EngineFixture.WaitUntil(() => fixture.Engine.GetMap(DemoMap.Id)!.Version == "v6", "v6 serves");
        Thread.Sleep(600);
        Assert.Equal(1, reloads.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(2, fixture.Engine.GetMap(DemoMap.Id)!.Generation);
    }

    [Fact]
    public void CustomSource_ChangeToken_ReloadsFromTheSource()
    {
        var source = new InMemoryMapSource(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, _ => source).Configure(o => o.ReloadDebounce = TimeSpan.Zero));
        Assert.Equal("v1", Decide(fixture).Version);

        source.Change(DemoMap.Valid(7));

        EngineFixture.WaitUntil(() => fixture.Engine.GetMap(DemoMap.Id)!.Version == "v7", "v7 serves");
        Assert.Equal("memory:demo", fixture.Engine.GetMap(DemoMap.Id)!.Source);
        fixture.Dispose();
        Assert.True(source.Disposed);
    }

    [Fact]
    public async Task ReloadAsync_AfterEditsOfTheSampleMap_DecidesAsAColdLoadOfTheEditedFiles()
    {
        // The engine's file source reloads through the previous load of the same folder
        // (Loading/MapReuse.cs): each reload must decide as a map loaded from nothing.
        var sample = Support.TestPaths.Repo("strategies", "retail-wealth");
        using var folder = new TempMapFolder("", "unused.txt");
        foreach (var file in Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder.Folder, Path.GetRelativePath(sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        using var fixture = new EngineFixture(b => b.AddMap("retail-wealth", folder.Folder).Configure(o => o.WatchForChanges = false)).Started();
        var at = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
        var customers = File.ReadLines(Support.TestPaths.Repo("samples", "customers.jsonl")).Take(150).ToList();
        var strategies = Path.Combine(folder.Folder, "strategies.yaml");
        foreach (var (from, to) in new[] { ("    priority: 90\n", "    priority: 5\n"), ("    when: age <= 70\n", "    when: age <= 30\n"), ("    priority: 5\n", "    priority: 90\n") })
        {
            File.WriteAllText(strategies, File.ReadAllText(strategies).Replace(from, to, StringComparison.Ordinal));

            var reloaded = await fixture.Engine.ReloadAsync("retail-wealth");

            Assert.True(reloaded.Succeeded, string.Join("\n", reloaded.Errors));
            var cold = Decisioning.Loading.MapLoader.Load(folder.Folder, new Decisioning.Loading.MapLoadOptions { ExpressionCache = null, Reuse = null });
            var evaluator = new Decisioning.Evaluation.Evaluator(cold.Plan!);
            var reader = new Decisioning.Snapshots.SnapshotReader(cold.Plan!);
            Assert.Equal(
                customers.Select(c => Decisioning.Serialization.DecisionJson.ToJson(evaluator.Decide(reader.Read(c).Customer!, at))),
                customers.Select(c => Decisioning.Serialization.DecisionJson.ToJson(fixture.Engine.Decide("retail-wealth", CustomerSnapshot.FromJson(c), at))));
        }
    }

    private static void WriteFolder(string folder, string map)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "map.yaml"), map);
    }

    // rename(2) over an existing link, as `mv -T` and kubelet do: File.Move would follow the link to the folder.
    private static void Rename(string from, string to)
    {
        using var mv = System.Diagnostics.Process.Start("mv", ["-T", from, to]);
        mv.WaitForExit();
        Assert.Equal(0, mv.ExitCode);
    }

    // Started at once: the engine loads the map when it is first resolved.
    private static EngineFixture Watching(string path) =>
        new EngineFixture(b => b.AddMap(DemoMap.Id, path).Configure(o => o.ReloadDebounce = TimeSpan.FromMilliseconds(50))).Started();

    private static Decisioning.Evaluation.Decision Decide(EngineFixture fixture) =>
        fixture.Engine.Decide(DemoMap.Id, Customer, DemoMap.At);
}
