using System.Security.Cryptography;
using System.Text;
using Decisioning.Evaluation;
using Decisioning.Loading;
using Xunit;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.MapLoading;

/// <summary>
/// The map hash of every decision: <c>sha256:</c> + hex SHA-256 over the map's files (YAML files and
/// named lists) in relative-path order, each as <c>path \0 length \0 bytes</c>.
/// </summary>
public sealed class MapHashTests : IDisposable
{
    private const string Tiny = "map: tiny\nversion: \"1\"\n";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "decisioning-maphash-" + Guid.NewGuid().ToString("N"));

    public MapHashTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_SingleFileMap_HashesItsFileNameAndBytes()
    {
        var path = Write("tiny.yaml", Tiny);

        var loaded = MapLoader.Load(path);

        // Worked out by hand (Python's hashlib over b"tiny.yaml\0" + b"23\0" + the file).
        Assert.Equal("sha256:994184a737d2d77cd132761f3511e389def837a250351eae3524dcc67069c2e9", loaded.MapHash);
        Assert.Equal(Expected(("tiny.yaml", Tiny)), loaded.Plan!.MapHash);
    }

    [Fact]
    public void Load_FolderMap_HashesEveryYamlFileAndNamedListInPathOrder()
    {
        var head = "map: folder\nversion: \"2\"\ncustomer:\n  fields:\n    age: int\n";
        var segments = "segments:\n  - { id: vip, list: lists/vip.csv }\n  - { id: old, when: age > 60 }\n";
        var strategies = "products:\n  - { id: p }\nchannels:\n  - { id: sms }\nstrategies:\n  - { id: s, product: p, channels: [sms], target: [vip] }\n";
        Write("b.yml", segments);
        Write("a.yaml", head);
        Write("c.yaml", strategies);
        Write("notes.txt", "not part of the map");
        Write("lists/vip.csv", "C1\nC2\n");
        Write("lists/unused.csv", "C3\n");

        var loaded = MapLoader.Load(_folder);

        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        Assert.Equal(Expected(("a.yaml", head), ("b.yml", segments), ("c.yaml", strategies), ("lists/vip.csv", "C1\nC2\n")), loaded.MapHash);
    }

    [Fact]
    public void Load_ListFileChanges_ChangesTheHash()
    {
        var map = Write("m.yaml", "map: m\ncustomer:\n  fields: {}\nsegments:\n  - { id: vip, list: vip.csv }\n");
        Write("vip.csv", "C1\n");
        var before = MapLoader.Load(map).MapHash;

        Write("vip.csv", "C1\nC2\n");

        Assert.NotEqual(before, MapLoader.Load(map).MapHash);
        Assert.Equal(Expected(("m.yaml", File.ReadAllText(map)), ("vip.csv", "C1\nC2\n")), MapLoader.Load(map).MapHash);
    }

    [Fact]
    public void LoadText_SameBytesAsAFile_GivesTheSameHash()
    {
        var path = Write("tiny.yaml", Tiny);

        Assert.Equal(MapLoader.Load(path).MapHash, MapLoader.LoadText(Tiny, path).MapHash);
    }

    [Fact]
    public void Decide_EveryDecision_CarriesThePlansHash()
    {
        var plan = MapLoader.Load(Write("tiny.yaml", Tiny)).Plan!;
        var customer = new SnapshotReader(plan).Read("""{"customerId": "C1"}""").Customer!;

        var decision = new Evaluator(plan).Decide(customer, new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(plan.MapHash, decision.MapHash);
        Assert.Contains($"\"mapHash\":\"{plan.MapHash}\"", DecisionJson.ToJson(decision));
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        return path;
    }

    // The hash by hand: one byte array of path, NUL, decimal length, NUL, bytes, file after file.
    private static string Expected(params (string Path, string Text)[] files)
    {
        var all = new List<byte>();
        foreach (var (path, text) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            all.AddRange(Encoding.UTF8.GetBytes(path));
            all.Add(0);
            all.AddRange(Encoding.ASCII.GetBytes(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            all.Add(0);
            all.AddRange(bytes);
        }

        return "sha256:" + Convert.ToHexString(SHA256.HashData([.. all])).ToLowerInvariant();
    }
}
