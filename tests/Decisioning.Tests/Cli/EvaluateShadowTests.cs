using System.Text.Json;
using System.Text.Json.Nodes;
using Decisioning.Tests.Diffing;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Cli;

/// <summary><c>evaluate MAP --shadow MAP2</c>: each decision line carries the shadow's actions (spec section 14).</summary>
public sealed class EvaluateShadowTests : IDisposable
{
    private const string At = "2026-11-26T00:00:00Z";
    private readonly string _dir = Directory.CreateTempSubdirectory("decisioning-shadow-").FullName;
    private readonly ChangedSampleMap _next = new("retiree-pension", 5);

    public void Dispose()
    {
        _next.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("customers.jsonl", 400)]
    [InlineData("customers-bad.jsonl", 29)]
    public void EvaluateWithShadow_EachLineIsTheServedLineAloneWithTheShadowsActions(string customers, int take)
    {
        var input = Path.Combine(_dir, customers);
        File.WriteAllLines(input, File.ReadLines(TestPaths.Repo("samples", customers)).Take(take));

        var served = Evaluate(ChangedSampleMap.Original, input);
        var shadow = Evaluate(_next.Folder, input);
        var both = Evaluate(ChangedSampleMap.Original, input, "--shadow", _next.Folder);

        Assert.Equal(served.Length, both.Length);
        var changed = 0;
        for (var i = 0; i < both.Length; i++)
        {
            var line = JsonNode.Parse(both[i])!.AsObject();
            if (line.ContainsKey("error"))
            {
                // The shadow decides only what the served map decides.
                Assert.Equal(served[i], both[i]);
                continue;
            }

            // The field comes last, after the served decision's own fields, which are unchanged.
            Assert.Equal("shadow", line.Last().Key);
            var field = line["shadow"]!.AsObject();
            line.Remove("shadow");
            Assert.Equal(served[i], line.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

            var alone = JsonNode.Parse(shadow[i])!.AsObject();
            Assert.StartsWith("sha256:", field["mapHash"]!.GetValue<string>(), StringComparison.Ordinal);
            if (alone.ContainsKey("error"))
            {
                Assert.Equal(alone["error"]!.ToJsonString(), field["error"]!.ToJsonString());
                continue;
            }

            var expected = new JsonObject
            {
                ["map"] = alone["map"]!.DeepClone(), ["version"] = alone["version"]!.DeepClone(), ["mapHash"] = alone["mapHash"]!.DeepClone(),
                ["actions"] = alone["actions"]!.DeepClone(),
            };
            Assert.Equal(expected.ToJsonString(), field.ToJsonString());
            changed += field["actions"]!.ToJsonString() == JsonNode.Parse(served[i])!["actions"]!.ToJsonString() ? 0 : 1;
        }

        if (take > 100)
        {
            Assert.True(changed > 0, "the shadow map changes some customers' actions");
        }
    }

    [Fact]
    public void EvaluateWithShadow_InvalidShadowMap_ExitsOneAndDecidesNothing()
    {
        var output = Path.Combine(_dir, "none.jsonl");

        var (exit, _, error) = CliRunner.Run("evaluate", ChangedSampleMap.Original, "--shadow", TestPaths.Maps("invalid", "DM022-unknown-reference.yaml"),
            "--customers", ChangedSampleMap.Customers, "--at", At, "--out", output);

        Assert.Equal(1, exit);
        Assert.Contains("DM022", error);
        Assert.False(File.Exists(output));
    }

    private string[] Evaluate(string map, string input, params string[] extra)
    {
        var output = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".jsonl");
        var (exit, _, error) = CliRunner.Run(["evaluate", map, "--customers", input, "--at", At, "--out", output, .. extra]);
        Assert.True(exit == 0, error);
        return File.ReadAllLines(output);
    }
}
