using Decisioning.Snapshots;
using Decisioning.Tests.Hosting;
using Xunit;

namespace Decisioning.Tests.Hardening;

/// <summary>
/// A host engine survives a hot reload to a hostile map: the new version is refused with its
/// diagnostics and the old version keeps serving. Each hostile map here would, without the
/// load-time limits, take the host down when rendered (a stack overflow cannot be caught) or
/// when decided (an overflowing window, an infinite score).
/// </summary>
public sealed class HostileReloadTests
{
    public static TheoryData<string, string> Hostile => new()
    {
        {
            DemoMap.Valid(2).Replace("v2 for {{ customer.name }}",
                string.Concat(Enumerable.Repeat("{% if true %}", 300)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", 300))),
            "DM064"
        },
        { DemoMap.Valid(2).Replace("v2 for {{ customer.name }}", "{% include 'secrets' %}"), "DM062" },
        { DemoMap.Valid(2).Replace("v2 for {{ customer.name }}", "{{ 'now' | date: '%Y' }}"), "DM062" },
        { DemoMap.Valid(2).Replace("v2 for {{ customer.name }}", "{{ customer.name | money }}"), "DM063" },
        { DemoMap.Valid(2).Replace("propensity: 1\n  - id: adults-only", "propensity: 1\n    cooldown: 99999999d\n  - id: adults-only"), "DM032" },
        { DemoMap.Valid(2).Replace("value: 2", "value: 1e308"), "DM032" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task ReloadToAHostileMap_IsRefusedAndTheOldVersionKeepsServing(string hostile, string code)
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath).Configure(o => o.WatchForChanges = false)).Started();
        var customer = CustomerSnapshot.FromJson(DemoMap.CustomerJson);

        folder.Write(hostile);
        var refused = await fixture.Engine.ReloadAsync(DemoMap.Id);

        Assert.False(refused.Succeeded);
        Assert.Contains(refused.Diagnostics, d => d.Code == code);
        Assert.Equal("v1", refused.Serving.Version);
        var decision = fixture.Engine.Decide(DemoMap.Id, customer, DemoMap.At);
        Assert.Equal("v1", decision.Version);
        Assert.Equal("v1 for Wang", decision.Actions[0].Script);
    }
}
