using Decisioning.Testing.Tests.Support;
using FsCheck;
using FsCheck.Xunit;
using Xunit;
using Xunit.Abstractions;

namespace Decisioning.Testing.Tests;

/// <summary>The regression property between two versions of the sample map.</summary>
public sealed class RegressionTests(ITestOutputHelper output)
{
    private static readonly MapProperties Current = MapProperties.For(SampleMap.Plan, SampleMap.At);

    // Version 2 lowers the priority of one strategy, mobile-activation, from 35 to 20.
    private static readonly Lazy<MapProperties> Reprioritised = new(() => MapProperties.For(SampleMap.Edited("strategies.yaml", yaml =>
        yaml.Replace("    priority: 35\n    propensity: 0.2\n    when: age <= 70", "    priority: 20\n    propensity: 0.2\n    when: age <= 70")), SampleMap.At));

    [Property]
    public Property SameDecisionsExcept_SameVersion_Holds() => MapProperties.SameDecisionsExcept(Current, Current);

    [Property]
    public Property SameDecisionsExcept_ChangedStrategyNamed_Holds() =>
        MapProperties.SameDecisionsExcept(Current, Reprioritised.Value, "mobile-activation");

    [Fact]
    public void SameDecisionsExcept_ChangedStrategyNotNamed_FailsWithBothDecisionsSideBySide()
    {
        var found = Falsification.Run(MapProperties.SameDecisionsExcept(Current, Reprioritised.Value, "mass-cash-plus"));

        output.WriteLine(found.Message);
        Assert.True(found.Failed);
        Assert.Contains("outside the strategies named as changed [mass-cash-plus]", found.Message);
        Assert.Matches(@"\n\s+before\s+after\n", found.Message);
        // Which customer shows it depends on the draw (the kit weights what differs between the
        // versions); every one shows both decisions side by side, the changed strategy marked.
        Assert.Matches(@"\n\s+mass-cash-plus \(changed\)\s+\S", found.Message);
        Assert.Matches(@"\n\s+actions\s+(#\d|none)", found.Message);
        Assert.Empty(found.Shrunk!.Events);
    }

    [Fact]
    public void SameDecisionsExcept_SharedChannelChanged_FailsForTheStrategiesNotNamed()
    {
        // Every SMS script of the sample is longer than 40 UTF-16 code units.
        var shorterSms = MapProperties.For(SampleMap.Edited("catalogue.yaml", yaml => yaml.Replace("maxLength: 70", "maxLength: 40")), SampleMap.At);

        var found = Falsification.Run(MapProperties.SameDecisionsExcept(Current, shorterSms, "new-client-mobile"));

        output.WriteLine(found.Message);
        Assert.True(found.Failed);
        Assert.Contains("\"hasPhone\":true", found.Shrunk!.Json);
    }

    [Fact]
    public void SameDecisionsExcept_StrategyOfNeitherVersion_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => MapProperties.SameDecisionsExcept(Current, Current, "no-such-strategy"));
        Assert.Contains("no-such-strategy", error.Message);
    }
}
