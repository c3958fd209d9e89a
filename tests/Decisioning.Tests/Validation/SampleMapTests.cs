using Decisioning.Loading;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Validation;

public class SampleMapTests
{
    [Fact]
    public void Load_SampleRetailWealthMap_IsValid()
    {
        var result = MapLoader.Load(TestPaths.Repo("strategies", "retail-wealth"));

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var plan = result.Plan!;
        Assert.True(plan.Tiers.Count >= 4);
        Assert.True(plan.Stages.Count >= 3);
        Assert.True(plan.Segments.Count >= 6);
        Assert.Contains(plan.Segments, s => s.Members is not null);
        Assert.True(plan.Products.Count >= 8);
        Assert.True(plan.Channels.Count >= 4);
        Assert.Contains(plan.Channels, c => c.MaxLength is not null);
        Assert.True(plan.Strategies.Count >= 20);
        Assert.NotNull(plan.Experiment);
    }

    [Fact]
    public void Load_SpecExampleMap_IsValid()
    {
        var result = MapLoader.Load(TestPaths.Maps("spec-example", "map.yaml"));

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal("retail-wealth", result.Plan!.MapId);
        Assert.Equal("2026.11.1", result.Plan.Version);
    }
}
