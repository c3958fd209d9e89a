using Decisioning.Evaluation;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.Evaluation;

/// <summary>
/// <c>noAction</c>, one test per case: the control group under the policy <c>none</c>, the strategy
/// that got furthest through the gates (ties to file order), no strategies; absent with an action.
/// Every decision is also made by <see cref="Evaluator.DecideInto"/>, which must write the same line.
/// </summary>
public sealed class NoActionTests
{
    private const string Basics = """
        products:
          - { id: fund, eligible: "aum >= 1000000" }
          - { id: card }
        channels:
          - { id: sms }
          - { id: rm-call, reachable: "false" }
        """;

    [Fact]
    public void Decide_ControlGroupUnderPolicyNone_IsControl()
    {
        var map = Basics + """

            strategies:
              - { id: s1, product: card, channels: [sms] }
            experiment: { id: e, control: 1.0, controlPolicy: none }
            """;

        var decision = DecideBoth(map, Customer());

        Assert.Empty(decision.Actions);
        Assert.Single(decision.Counterfactual!);
        Assert.Equal(ReasonCodes.Control, decision.NoAction);
    }

    [Fact]
    public void Decide_ControlGroupUnderPolicyPriorityWithNoCandidate_IsTheFurthestReason()
    {
        var map = Basics + """

            strategies:
              - { id: s1, product: card, channels: [rm-call] }
            experiment: { id: e, control: 1.0, controlPolicy: priority }
            """;

        Assert.Equal(ReasonCodes.NoChannel, DecideBoth(map, Customer()).NoAction);
    }

    [Fact]
    public void Decide_NoCandidate_IsTheReasonOfTheStrategyThatGotFurthest()
    {
        var map = Basics + """

            strategies:
              - { id: s1, product: card, channels: [sms], target: [seniors] }
              - { id: s2, product: fund, channels: [sms] }
              - { id: s3, product: card, channels: [sms], when: "age > 100" }
            """;

        var decision = DecideBoth(map, Customer(age: 40));

        Assert.Equal([ReasonCodes.NotTargeted, ReasonCodes.Ineligible, ReasonCodes.Condition], decision.Trace.Select(t => t.Reason));
        Assert.Equal(ReasonCodes.Ineligible, decision.NoAction);
    }

    [Fact]
    public void Decide_TieOnTheFurthestGate_IsTheFirstInFileOrder()
    {
        // s1 and s3 both get furthest (the channel gate); s2, in between, stops earlier and is not the answer.
        var map = Basics + """

            strategies:
              - { id: s1, product: card, channels: [rm-call] }
              - { id: s2, product: card, channels: [sms], target: [seniors] }
              - { id: s3, product: card, channels: [rm-call] }
            """;

        Assert.Equal(ReasonCodes.NoChannel, DecideBoth(map, Customer(age: 40)).NoAction);
    }

    [Fact]
    public void Decide_MapWithoutStrategies_IsNoStrategies()
    {
        var decision = DecideBoth(Basics, Customer());

        Assert.Equal(ReasonCodes.NoStrategies, decision.NoAction);
        Assert.EndsWith(",\"noAction\":\"no-strategies\"}", DecisionJson.ToJson(decision));
    }

    [Fact]
    public void Decide_WithAnAction_HasNoNoAction()
    {
        var map = Basics + """

            strategies:
              - { id: s1, product: card, channels: [sms] }
            """;

        var decision = DecideBoth(map, Customer());

        Assert.Single(decision.Actions);
        Assert.Null(decision.NoAction);
        Assert.DoesNotContain("noAction", DecisionJson.ToJson(decision));
    }

    [Fact]
    public void NoAction_ReasonRanks_FollowTheGateOrderWithArbitrationLast()
    {
        Assert.Equal(ReasonCodes.Arbitration, ReasonCodes.NoAction(0, false, [ReasonCodes.Policy, ReasonCodes.Arbitration, ReasonCodes.Inactive]));
        Assert.Equal(ReasonCodes.Cooldown, ReasonCodes.NoAction(0, false, [ReasonCodes.AlreadyHeld, ReasonCodes.Cooldown]));
        Assert.Null(ReasonCodes.NoAction(1, true, [ReasonCodes.Inactive]));
    }

    // The decision made both ways (Decide, and DecideInto written from its buffer): the same line.
    internal static Decision DecideBoth(string sections, string snapshot)
    {
        var plan = Load(sections);
        var decision = Decide(plan, snapshot);
        var buffer = new DecisionBuffer(plan);
        new Evaluator(plan).DecideInto(new SnapshotReader(plan).Read(snapshot).Customer!, At, buffer);
        Assert.Equal(DecisionJson.ToJson(decision), DecisionJson.ToJson(buffer));
        Assert.Equal(decision.NoAction, buffer.NoAction);
        return decision;
    }
}
