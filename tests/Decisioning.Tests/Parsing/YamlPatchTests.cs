using System.Text;
using Decisioning.Diagnostics;
using Decisioning.Parsing;
using Decisioning.Tests.Support;
using FsCheck.Xunit;
using Xunit;

namespace Decisioning.Tests.Parsing;

/// <summary>
/// <see cref="YamlPatch"/>: an edited file read by parsing only the changed list item gives the
/// very tree (values, kinds and every position) a full parse of the edited text gives, and declines
/// (null) whenever it cannot be sure: the edit spans two items, leaves the list, or breaks the YAML.
/// </summary>
public sealed class YamlPatchTests
{
    private static readonly string[] Files =
    [
        .. Directory.GetFiles(TestPaths.Repo("strategies", "retail-wealth"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText),
    ];

    // Line edits an analyst makes, and some no one should: each is applied to one random line.
    private static readonly Func<string, Random, string>[] Edits =
    [
        (line, rng) => System.Text.RegularExpressions.Regex.Replace(line, @"\d+", _ => rng.Next(0, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        (line, _) => "",
        (line, _) => line + line,
        (line, _) => line + "    extra: 1\n",
        (line, _) => line.Replace("  ", "    ", StringComparison.Ordinal),
        (line, _) => line.Replace("- ", "", StringComparison.Ordinal),
        (line, _) => line.Replace("\"", "", StringComparison.Ordinal),
        (line, _) => line.Replace(":", "", StringComparison.Ordinal),
        (line, _) => "  - { id: inserted, kind: always }\n" + line,
        (line, _) => "other: 1\n" + line,
        (line, _) => line.Replace("\n", " # note\n", StringComparison.Ordinal),
        (line, _) => "\t" + line,
        (line, _) => line.Replace("{", "", StringComparison.Ordinal),
    ];

    [Fact]
    public void Apply_RandomLineEdits_GiveTheFullParsesTreeOrDecline()
    {
        // Many seeds, and most edits inside a strategy or a product must be patched (else the test proves nothing).
        var patched = Enumerable.Range(0, 600).Count(PatchedLikeAFullParse);
        Assert.True(patched >= 60, $"only {patched} of 600 edits patched");
    }

    [Property(MaxTest = 200)]
    public void Apply_OneRandomLineEdit_GivesTheFullParsesTreeOrDeclines(int seed) => PatchedLikeAFullParse(seed);

    private static bool PatchedLikeAFullParse(int seed)
    {
        var rng = new Random(seed);
        var text = Files[rng.Next(Files.Length)];
        var lines = text.Split('\n').Select(l => l + "\n").ToArray();
        lines[^1] = lines[^1][..^1];
        var at = rng.Next(lines.Length);
        lines[at] = Edits[rng.Next(Edits.Length)](lines[at], rng);
        var edited = string.Concat(lines);
        if (edited == text)
        {
            return false;
        }

        var old = YamlTreeReader.Read(text, "f.yaml", new DiagnosticBag());
        var patched = YamlPatch.Apply(text, old, edited, "f.yaml");
        if (patched is null)
        {
            return false;
        }

        var bag = new DiagnosticBag();
        var full = YamlTreeReader.Read(edited, "f.yaml", bag);
        Assert.Empty(bag.Items);
        Assert.Equal(Dump(full), Dump(patched));
        return true;
    }

    [Fact]
    public void Apply_APriorityEdit_ParsesOnlyThatStrategy()
    {
        var text = File.ReadAllText(TestPaths.Repo("strategies", "retail-wealth", "strategies.yaml"));
        var edited = text.Replace("    priority: 90\n", "    priority: 91\n", StringComparison.Ordinal);
        var old = YamlTreeReader.Read(text, "s.yaml", new DiagnosticBag())!;

        var patched = (YamlMapping)YamlPatch.Apply(text, old, edited, "s.yaml")!;

        Assert.Equal(Dump(YamlTreeReader.Read(edited, "s.yaml", new DiagnosticBag())), Dump(patched));
        var before = (YamlSequence)((YamlMapping)old).Find("strategies")!.Value;
        var after = (YamlSequence)patched.Find("strategies")!.Value;
        Assert.NotSame(before.Items[0], after.Items[0]);
        Assert.All(Enumerable.Range(1, before.Items.Count - 1), i => Assert.Same(before.Items[i], after.Items[i]));
        Assert.Same(((YamlMapping)old).Find("scenarios")!.Value, patched.Find("scenarios")!.Value);
    }

    [Theory]
    [InlineData("    priority: 90\n", "    priority: \"90\n")]          // an unclosed quote: the full parse reports it
    [InlineData("    priority: 90\n", "    priority: 90\n  - id: new\n")] // a second item
    [InlineData("    priority: 90\n", "priority: 90\n")]                 // a line that leaves the list
    [InlineData("scenarios:", "scenes:")]                                // a top-level key
    public void Apply_AnEditItCannotBeSureOf_Declines(string from, string to)
    {
        var text = File.ReadAllText(TestPaths.Repo("strategies", "retail-wealth", "strategies.yaml"));
        var old = YamlTreeReader.Read(text, "s.yaml", new DiagnosticBag());

        Assert.Null(YamlPatch.Apply(text, old, text.Replace(from, to, StringComparison.Ordinal), "s.yaml"));
    }

    private static string Dump(YamlNode? node)
    {
        var builder = new StringBuilder();
        Write(node, builder);
        return builder.ToString();
    }

    private static void Write(YamlNode? node, StringBuilder to)
    {
        switch (node)
        {
            case null:
                to.Append("null");
                break;
            case YamlScalar s:
                to.Append($"S({s.Value}|{s.IsPlain}|{s.Location}|{s.ContentStart})");
                break;
            case YamlSequence q:
                to.Append($"Q({q.Location}[");
                foreach (var item in q.Items)
                {
                    Write(item, to);
                    to.Append(',');
                }

                to.Append("])");
                break;
            case YamlMapping m:
                to.Append($"M({m.Location}{{");
                foreach (var entry in m.Entries)
                {
                    Write(entry.Key, to);
                    to.Append('=');
                    Write(entry.Value, to);
                    to.Append(';');
                }

                to.Append("})");
                break;
        }
    }
}
