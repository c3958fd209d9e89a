using Decisioning.Compilation;
using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Tests.CrossCheck;
using Decisioning.Tests.Support;
using FsCheck.Xunit;
using Xunit;
using SnapshotReader = Decisioning.Snapshots.SnapshotReader;
using Decisioning.Serialization;

namespace Decisioning.Tests.MapLoading;

/// <summary>
/// A reload that reuses the previous load of the same source (<see cref="MapReuse"/>: YAML trees
/// by bytes, layouts, scripts, lists, the whole result when nothing changed) gives exactly what a
/// cold load of the same files gives: the same diagnostics with their places, the same map hash and
/// the same decisions; and an edit to any kind of file (strategies, a segment, a list, a script, a
/// product) changes the decisions as it does for a cold load.
/// </summary>
public sealed class HotReloadTests : IDisposable
{
    private static readonly DateTime At = new(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);
    private static readonly MapLoadOptions Cold = new() { ExpressionCache = null, Reuse = null };
    private static readonly string[] Customers = [.. File.ReadLines(TestPaths.Repo("samples", "customers.jsonl")).Take(300)];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "decisioning-reload-" + Guid.NewGuid().ToString("N"));
    private readonly MapLoadOptions _hot = new() { ExpressionCache = new ExpressionCache(), Reuse = new MapReuse() };

    public HotReloadTests()
    {
        foreach (var file in Directory.EnumerateFiles(TestPaths.Repo("strategies", "retail-wealth"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder, Path.GetRelativePath(TestPaths.Repo("strategies", "retail-wealth"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("strategies.yaml", "    priority: 90\n", "    priority: 5\n")]
    [InlineData("strategies.yaml", "    when: age <= 70\n", "    when: age <= 30\n")]
    [InlineData("segmentation.yaml", "when: age >= 55 || isRetiree }", "when: age >= 25 || isRetiree }")]
    [InlineData("segmentation.yaml", "when: aum >= 500000 }", "when: aum >= 5000 }")]
    [InlineData("catalogue.yaml", "您好", "你好")]
    [InlineData("catalogue.yaml", "    value: 600 ", "    value: 9000 ")]
    public void Reload_AfterAnEdit_GivesWhatAColdLoadOfTheEditedFilesGives(string file, string from, string to)
    {
        var before = Hot();
        Edit(file, from, to);

        var reloaded = Hot();

        AssertSame(ColdLoad(), reloaded);
        Assert.NotEqual(Decisions(before), Decisions(reloaded));

        // And back: nothing of the edited version is served for the original files.
        Edit(file, to, from);
        var back = Hot();
        AssertSame(ColdLoad(), back);
        Assert.Equal(Decisions(before), Decisions(back));
    }

    [Fact]
    public void Reload_AfterAListFileEdit_ReadsTheNewMembers()
    {
        var before = Hot();
        var vip = Path.Combine(_folder, "lists", "vip.csv");
        File.WriteAllLines(vip, Customers.Select(c => System.Text.Json.JsonDocument.Parse(c).RootElement.GetProperty("customerId").GetString()!));

        var reloaded = Hot();

        AssertSame(ColdLoad(), reloaded);
        Assert.NotEqual(before.MapHash, reloaded.MapHash);
        Assert.NotEqual(Decisions(before), Decisions(reloaded));
    }

    [Fact]
    public void Reload_OfUnchangedFiles_ReturnsThePreviousPlan()
    {
        var first = Hot();
        // Rewritten with the same bytes: a watcher fires, nothing changed.
        File.WriteAllBytes(Path.Combine(_folder, "lists", "vip.csv"), File.ReadAllBytes(Path.Combine(_folder, "lists", "vip.csv")));
        File.WriteAllBytes(Path.Combine(_folder, "map.yaml"), File.ReadAllBytes(Path.Combine(_folder, "map.yaml")));

        var second = Hot();

        Assert.Same(first.Plan, second.Plan);
        AssertSame(ColdLoad(), second);
    }

    [Theory]
    [InlineData("    priority: 90\n", "    priority: high\n")]
    [InlineData("    when: age <= 70\n", "    when: agee <= 70\n")]
    [InlineData("    priority: 90\n", "    priority: \"90\n")]
    [InlineData("    cooldown: 14d\n", "    cooldown: 14x\n    colour: red\n")]
    public void Reload_OfAnEditWithErrors_ReportsWhatAColdLoadReportsWithFileLineAndColumn(string from, string to)
    {
        var good = Hot();
        Edit("strategies.yaml", from, to);

        var broken = Hot();

        Assert.False(broken.Success);
        AssertSame(ColdLoad(), broken);
        Assert.All(broken.Errors, d => Assert.Matches(@"strategies\.yaml:\d+:\d+: error DM\d+", d.ToString()));

        Edit("strategies.yaml", to, from);
        var fixedAgain = Hot();
        AssertSame(ColdLoad(), fixedAgain);
        Assert.Equal(Decisions(good), Decisions(fixedAgain));
    }

    [Fact]
    public void Reload_OfAFileAddedAndRemoved_FollowsTheFolder()
    {
        var before = Hot();
        File.WriteAllText(Path.Combine(_folder, "zz-extra.yaml"), "objectives:\n  - { id: extra-goal, kind: engagement }\n");
        var added = Hot();
        AssertSame(ColdLoad(), added);
        Assert.NotEqual(before.MapHash, added.MapHash);

        File.Delete(Path.Combine(_folder, "zz-extra.yaml"));
        var removed = Hot();
        AssertSame(ColdLoad(), removed);
        Assert.Equal(before.MapHash, removed.MapHash);
    }

    [Fact]
    public void MapReuse_KeepsOnlyItsCapacityOfSources()
    {
        var reuse = new MapReuse(capacity: 2);
        var options = new MapLoadOptions { Reuse = reuse };
        foreach (var name in new[] { "a", "b", "c" })
        {
            MapLoader.LoadText($"map: {name}\nversion: \"1\"\n", Path.Combine(_folder, name + ".yaml"), options);
        }

        Assert.Equal(2, reuse.Count);
        Assert.Null(reuse.Previous("text\n" + Path.Combine(_folder, "a.yaml")));
    }

    /// <summary>One random map after another at the same path: each reload decides as a cold load of that map.</summary>
    [Property(MaxTest = 12)]
    public void Reload_OfOneRandomMapAfterAnother_DecidesAsAColdLoad(int seed)
    {
        var generator = new MapGenerator(seed);
        var path = Path.Combine(_folder, $"random-{seed}.yaml");
        var reuse = new MapLoadOptions { ExpressionCache = new ExpressionCache(), Reuse = new MapReuse() };
        for (var i = 0; i < 3; i++)
        {
            var (map, at) = generator.Next();
            var (yaml, lists) = YamlRenderer.Render(map);
            foreach (var (list, text) in lists)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_folder, list))!);
                File.WriteAllText(Path.Combine(_folder, list), text);
            }

            File.WriteAllText(path, yaml);
            var hot = MapLoader.Load(path, reuse);
            var cold = MapLoader.Load(path, Cold);
            AssertSame(cold, hot);
            if (hot.Plan is not null)
            {
                var customers = new CustomerGenerator(new Random(seed + i), map, at);
                var snapshots = Enumerable.Range(0, 6).Select(_ => SnapshotJson.Write(map, customers.Next())).ToList();
                Assert.Equal(Decide(cold, snapshots, at), Decide(hot, snapshots, at));
            }
        }
    }

    private LoadResult Hot() => MapLoader.Load(_folder, _hot);

    private LoadResult ColdLoad() => MapLoader.Load(_folder, Cold);

    private void Edit(string file, string from, string to)
    {
        var path = Path.Combine(_folder, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static void AssertSame(LoadResult cold, LoadResult hot)
    {
        Assert.Equal(cold.Diagnostics.Select(d => d.ToString()), hot.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(cold.Success, hot.Success);
        Assert.Equal(cold.MapHash, hot.MapHash);
        Assert.Equal(cold.Plan?.DefinitionHash, hot.Plan?.DefinitionHash);
        Assert.Equal(cold.Plan?.Sources, hot.Plan?.Sources);
        if (cold.Plan is not null)
        {
            Assert.Equal(Decisions(cold), Decisions(hot));
        }
    }

    private static List<string> Decisions(LoadResult loaded) => Decide(loaded, Customers, At);

    private static List<string> Decide(LoadResult loaded, IEnumerable<string> snapshots, DateTime at)
    {
        var plan = loaded.Plan!;
        var reader = new SnapshotReader(plan);
        var evaluator = new Evaluator(plan);
        return [.. snapshots.Select(s => reader.Read(s) is { Customer: { } c } ? DecisionJson.ToJson(evaluator.Decide(c, at)) : DecisionJson.ToJson(reader.Read(s).Error!))];
    }
}
