using Decisioning.Evaluation;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.Evaluation;

/// <summary>
/// The channel gate (spec section 3): the first channel of the strategy's list that is reachable,
/// has fewer than <c>max</c> contacts in <c>(at - per, at]</c> and whose rendered script fits
/// <c>maxLength</c> in UTF-16 code units; <c>no-channel</c> when none does.
/// </summary>
public sealed class ChannelGateTests
{
    private static string Map(string channels, string strategy, string scripts = "") => $$"""
        products:
          - { id: fund, name: 养老基金 }
        channels:
        {{channels}}
        {{scripts}}
        strategies:
          - {{strategy}}
        """;

    private static string Contacts(params (string Channel, int Seconds)[] contacts) =>
        "\"contacts\": [" + string.Join(", ", contacts.Select(c =>
            $$"""{"channel": "{{c.Channel}}", "at": "{{Iso(TimeSpan.FromSeconds(c.Seconds))}}", "strategy": "other"}""")) + "]";

    [Theory]
    [InlineData(true, "call")]
    [InlineData(false, "sms")]
    public void Decide_FirstChannelUnreachable_TakesTheNextInPreferenceOrder(bool hasPhone, string expected)
    {
        var map = Map("  - { id: call, reachable: hasPhone }\n  - { id: sms }", "{ id: s1, product: fund, channels: [call, sms] }");
        var snapshot = $$"""{"customerId": "C1", "name": "x", "age": 40, "aum": 1, "hasPhone": {{(hasPhone ? "true" : "false")}}}""";
        Assert.Equal(expected, Decide(map, snapshot).Actions.Single().Channel);
    }

    [Theory]
    [InlineData(0, "call,sms,push")]
    [InlineData(1, "sms,push")]
    [InlineData(2, "push")]
    [InlineData(3, "")]
    public void Passing_FromAPosition_ListsOnlyThePassingChannelsFromThereOn(int from, string expected)
    {
        // Fixed bug: `from` was ignored, so batch allocation's fallback chain repeated the
        // decision's own channel after it.
        var plan = Load(Map("  - { id: call }\n  - { id: sms }\n  - { id: push }",
            "{ id: s1, product: fund, channels: [call, sms, push], scripts: { sms: hello } }",
            "scripts:\n  - { id: hello, text: \"你好 {{ customer.name }}\" }"));
        var snapshot = Customer();
        var customer = new SnapshotReader(plan).Read(snapshot).Customer!;
        var passing = ChannelGate.Passing(plan, customer, Decide(plan, snapshot), plan.Strategies[0], At, from);
        Assert.Equal(expected, string.Join(",", passing.Select(p => p.Channel.Id)));
        Assert.All(passing, p => Assert.Equal(p.Channel.Id == "sms" ? "你好 王女士" : null, p.Script));
    }

    [Fact]
    public void Decide_NoChannelReachable_RejectsWithNoChannel()
    {
        var map = Map("  - { id: call, reachable: hasPhone && age > 50 }", "{ id: s1, product: fund, channels: [call] }");
        Assert.Equal(ReasonCodes.NoChannel, Outcome(Decide(map, Customer()), "s1"));
    }

    [Theory]
    [InlineData(-7 * 86400, "call")]     // exactly at - per: outside (at - per, at]
    [InlineData(-7 * 86400 + 1, "sms")]  // just inside: the cap of 1 is reached
    [InlineData(0, "sms")]               // exactly at: inside
    [InlineData(1, "call")]              // after at: not counted
    public void Decide_ContactCap_CountsContactsInOpenClosedWindow(int seconds, string expected)
    {
        var map = Map("  - { id: call, contactPolicy: { max: 1, per: 7d } }\n  - { id: sms }",
            "{ id: s1, product: fund, channels: [call, sms] }");
        Assert.Equal(expected, Decide(map, Customer(extra: Contacts(("call", seconds), ("sms", 0)))).Actions.Single().Channel);
    }

    [Fact]
    public void Decide_ContactCapBelowMax_KeepsTheChannel()
    {
        var map = Map("  - { id: push, contactPolicy: { max: 3, per: 1d } }", "{ id: s1, product: fund, channels: [push] }");
        var two = Contacts(("push", -3600), ("push", -60), ("sms", -60));
        var three = Contacts(("push", -3600), ("push", -60), ("push", 0));
        Assert.Equal("selected", Outcome(Decide(map, Customer(extra: two)), "s1"));
        Assert.Equal(ReasonCodes.NoChannel, Outcome(Decide(map, Customer(extra: three)), "s1"));
    }

    [Fact]
    public void Decide_ContactCapOfZero_NeverUsesTheChannel()
    {
        var map = Map("  - { id: call, contactPolicy: { max: 0, per: 1d } }", "{ id: s1, product: fund, channels: [call] }");
        Assert.Equal(ReasonCodes.NoChannel, Outcome(Decide(map, Customer()), "s1"));
    }

    [Theory]
    [InlineData(4, "sms")]   // "𠀀𠀀" is 2 characters but 4 UTF-16 code units
    [InlineData(3, "push")]
    public void Decide_ScriptLength_CountsUtf16CodeUnits(int maxLength, string expected)
    {
        var map = Map($"  - {{ id: sms, maxLength: {maxLength} }}\n  - {{ id: push }}",
            "{ id: s1, product: fund, channels: [sms, push], scripts: { sms: w, push: w } }",
            "scripts:\n  - { id: w, text: \"𠀀𠀀\" }");
        var action = Decide(map, Customer()).Actions.Single();
        Assert.Equal(expected, action.Channel);
        Assert.Equal("𠀀𠀀", action.Script);
    }

    [Theory]
    [InlineData(16, "sms")]  // "王女士您好，养老基金适合您。" is 14 code units
    [InlineData(14, "sms")]
    [InlineData(13, null)]
    public void Decide_RenderedScriptLongerThanMaxLength_FailsTheChannel(int maxLength, string? expected)
    {
        var map = Map($"  - {{ id: sms, maxLength: {maxLength} }}",
            "{ id: s1, product: fund, channels: [sms], scripts: { sms: w } }",
            "scripts:\n  - { id: w, text: \"{{ customer.name }}您好，{{ product.name }}适合您。\" }");
        var decision = Decide(map, Customer());
        Assert.Equal(expected, decision.Actions.SingleOrDefault()?.Channel);
        if (expected is null)
        {
            Assert.Equal(ReasonCodes.NoChannel, Outcome(decision, "s1"));
        }
    }

    [Fact]
    public void Decide_ChannelWithoutScript_HasNullScriptAndNoLengthCheck()
    {
        var map = Map("  - { id: sms, maxLength: 1 }", "{ id: s1, product: fund, channels: [sms] }");
        var action = Decide(map, Customer()).Actions.Single();
        Assert.Equal("sms", action.Channel);
        Assert.Null(action.Script);
        Assert.Contains("\"script\":null", DecisionJson.ToJson(Decide(map, Customer())));
    }

    [Fact]
    public void Decide_Script_SeesCustomerProductChannelAndStrategyUnescaped()
    {
        var map = Map("  - { id: sms, name: 短信 }", "{ id: s1, product: fund, channels: [sms], scripts: { sms: w } }",
            "scripts:\n  - { id: w, text: \"{{ customer.name }}|{{ customer.age }}|{{ customer.city }}|{{ product.id }}|{{ product.name }}|{{ channel.id }}|{{ channel.name }}|{{ strategy.id }}\" }");
        var snapshot = """{"customerId": "C1", "name": "A&B <co> 'x' \"y\"", "age": 40, "aum": 1, "hasPhone": true}""";
        Assert.Equal("A&B <co> 'x' \"y\"|40||fund|养老基金|sms|短信|s1", Decide(map, snapshot).Actions.Single().Script);
    }
}
