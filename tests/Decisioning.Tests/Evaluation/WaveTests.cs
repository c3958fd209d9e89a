using Decisioning.Evaluation;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;
using Decisioning.Serialization;

namespace Decisioning.Tests.Evaluation;

/// <summary>
/// Waves and stopOn, one test per rule of the wave steps: (1) no contact, wave 1; (2) a stopping
/// response since the sequence start ends it (responded) until the cooldown passes; (3) wave k+1 is
/// due after its delay, pending before, and decided with its own channels and scripts and no
/// cooldown; (4) after the last wave the cooldown applies, then wave 1 again. Every decision is also
/// made by DecideInto, which must write the same line.
/// </summary>
public sealed class WaveTests
{
    private const string Map = """
        products:
          - { id: fund }
        channels:
          - { id: call }
          - { id: sms }
          - { id: push }
        scripts:
          - { id: hi, text: "call {{ customer.name }}" }
          - { id: hi-sms, text: "sms {{ customer.name }}" }
        strategies:
          - id: s1
            product: fund
            channels: [call]
            scripts: { call: hi }
            cooldown: 30d
            waves:
              - { after: 3d, channels: [sms], scripts: { sms: hi-sms } }
              - { after: 7d, channels: [push] }
        """;

    private static string Contact(double daysAgo, int wave = 1, string channel = "call") =>
        $$"""{"channel": "{{channel}}", "at": "{{Iso(TimeSpan.FromDays(-daysAgo))}}", "strategy": "s1", "product": "fund", "wave": {{wave}}}""";

    private static string Response(double daysAgo, string kind, string? strategy = "s1") =>
        $$"""{"at": "{{Iso(TimeSpan.FromDays(-daysAgo))}}", {{(strategy is null ? "" : $"\"strategy\": \"{strategy}\", ")}}"product": "fund", "kind": "{{kind}}"}""";

    private static Decision Decide(string contacts, string responses = "", string map = Map)
    {
        var extra = $"\"contacts\": [{contacts}]" + (responses.Length > 0 ? $", \"responses\": [{responses}]" : "");
        return NoActionTests.DecideBoth(map, Customer(extra: extra));
    }

    [Fact]
    public void Step1_NoContactOfTheStrategy_IsWave1AsWritten()
    {
        var decision = Decide("");

        var action = Assert.Single(decision.Actions);
        Assert.Equal(("call", "call 王女士", 1), (action.Channel, action.Script, action.Wave));
    }

    [Fact]
    public void Step1_TheLatestContactAtATie_IsTheHigherWave()
    {
        // Wave 1 and wave 2 at the same instant, 8 days ago: L is wave 2, so wave 3 is due (after 7d).
        var decision = Decide(Contact(8) + "," + Contact(8, wave: 2, channel: "sms"));

        Assert.Equal(("push", 3), (decision.Actions[0].Channel, decision.Actions[0].Wave));
    }

    [Fact]
    public void Step2_StoppingResponseSinceTheSequenceStart_IsRespondedWhileTheCooldownRuns()
    {
        var decision = Decide(Contact(5), Response(4, "declined"));

        Assert.Equal(ReasonCodes.Responded, Outcome(decision, "s1"));
        Assert.Null(decision.Trace[0].Wave);
        Assert.Equal(ReasonCodes.Responded, decision.NoAction);
    }

    [Fact]
    public void Step2_ResponseBeforeTheSequenceStart_DoesNotStopIt()
    {
        // The sequence started with the wave-1 contact 4 days ago; the decline 10 days ago is older.
        var decision = Decide(Contact(4), Response(10, "declined"));

        Assert.Equal(2, decision.Actions[0].Wave);
    }

    [Fact]
    public void Step2_SequenceStartsAtTheLatestWave1BeforeL()
    {
        // Wave 1 at day -12, wave 2 at day -9; a response at day -11 is inside the sequence: stopped.
        var decision = Decide(Contact(12) + "," + Contact(9, wave: 2, channel: "sms"), Response(11, "responded"));

        Assert.Equal(ReasonCodes.Responded, Outcome(decision, "s1"));
    }

    [Fact]
    public void Step2_KindNotInStopOn_DoesNotStop()
    {
        var map = Map.Replace("      - { after: 7d, channels: [push] }", "      - { after: 7d, channels: [push] }\n    stopOn: [converted]");

        var decision = Decide(Contact(4), Response(3, "declined"), map);

        Assert.Equal(2, decision.Actions[0].Wave);
    }

    [Fact]
    public void Step2_ResponseWithoutStrategy_BelongsByItsProduct()
    {
        var decision = Decide(Contact(4), Response(3, "converted", strategy: null));

        Assert.Equal(ReasonCodes.Responded, Outcome(decision, "s1"));
    }

    [Fact]
    public void Step2_StoppedSequenceAfterTheCooldown_StartsAgainAtWave1()
    {
        var decision = Decide(Contact(31), Response(30, "declined"));

        Assert.Equal(("call", 1), (decision.Actions[0].Channel, decision.Actions[0].Wave));
    }

    [Theory]
    [InlineData(2.999, ReasonCodes.WavePending)]
    [InlineData(3.0, "selected")]
    public void Step3_NextWave_IsPendingBeforeItsDelayAndDueFromIt(double daysAgo, string expected)
    {
        var decision = Decide(Contact(daysAgo));

        Assert.Equal(expected, Outcome(decision, "s1"));
        if (expected == ReasonCodes.WavePending)
        {
            Assert.Equal(2, decision.Trace[0].Wave);
            Assert.Equal(ReasonCodes.WavePending, decision.NoAction);
        }
    }

    [Fact]
    public void Step3_FollowUpWave_UsesItsChannelsAndScriptsAndSkipsTheCooldown()
    {
        // A wave-1 call 4 days ago is inside the 30d cooldown; wave 2 goes out anyway, by SMS.
        var action = Assert.Single(Decide(Contact(4)).Actions);

        Assert.Equal(("sms", "sms 王女士", 2), (action.Channel, action.Script, action.Wave));
    }

    [Fact]
    public void Step3_FollowUpWithoutScripts_TakesWave1sScriptsForItsChannels()
    {
        var map = Map.Replace("scripts: { call: hi }", "scripts: { call: hi, push: hi }").Replace("channels: [call]", "channels: [call, push]");

        var action = Decide(Contact(10) + "," + Contact(8, wave: 2, channel: "sms"), map: map).Actions[0];

        Assert.Equal(("push", "call 王女士", 3), (action.Channel, action.Script, action.Wave));
    }

    [Fact]
    public void Step3_RejectedFollowUp_CarriesItsWaveInTheTrace()
    {
        // Wave 2 is due but the SMS channel is unreachable: no-channel, wave 2.
        var map = Map.Replace("  - { id: sms }", "  - { id: sms, reachable: \"false\" }");

        var decision = Decide(Contact(4), map: map);

        Assert.Equal(new TraceEntry("s1", TraceEntry.Rejected, ReasonCodes.NoChannel, Wave: 2), decision.Trace[0]);
        Assert.Contains("\"reason\":\"no-channel\",\"wave\":2}", DecisionJson.ToJson(decision));
    }

    [Fact]
    public void Step4_AfterTheLastWave_TheCooldownAppliesFromL()
    {
        var decision = Decide(Contact(20) + "," + Contact(17, 2, "sms") + "," + Contact(10, 3, "push"));

        Assert.Equal(ReasonCodes.Cooldown, Outcome(decision, "s1"));
        Assert.Null(decision.Trace[0].Wave);
    }

    [Fact]
    public void Step4_AfterTheLastWaveAndTheCooldown_ANewSequenceStartsAtWave1()
    {
        var decision = Decide(Contact(50) + "," + Contact(47, 2, "sms") + "," + Contact(31, 3, "push"));

        Assert.Equal(1, decision.Actions[0].Wave);
    }

    [Fact]
    public void Decide_StrategyWithoutWaves_CarriesNoWave()
    {
        var map = Map[..Map.IndexOf("    waves:", StringComparison.Ordinal)];

        var decision = Decide(Contact(40), map: map);

        Assert.Null(decision.Actions[0].Wave);
        Assert.DoesNotContain("wave", DecisionJson.ToJson(decision));
    }
}
