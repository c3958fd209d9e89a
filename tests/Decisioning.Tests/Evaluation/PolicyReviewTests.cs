using Decisioning.Evaluation;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.Evaluation;

public class PolicyReviewTests
{
    private const string TwoStrategies = """
        products:
          - { id: p1, value: 10 }
          - { id: p2, value: 8 }
        channels:
          - { id: sms }
        strategies:
          - { id: s1, target: [all], product: p1, channels: [sms], priority: 100, propensity: 1 }
          - { id: s2, target: [all], product: p2, channels: [sms], priority: 100, propensity: 1 }
        """;

    [Fact]
    public void ScaleScore_TopCandidateScaledDown_ArbitrationPicksTheOther()
    {
        var decision = Decide(TwoStrategies, Customer(), policies: [new Scale("s1", 0.5, "dampen-p1")]);

        Assert.Equal("s2", decision.Actions.Single().Strategy);
        Assert.Equal(ReasonCodes.Arbitration, Outcome(decision, "s1"));
        Assert.Null(decision.Trace.Single(t => t.Strategy == "s1").Rule);
    }

    [Fact]
    public void ScaleScore_FactorsOfSeveralPolicies_Multiply()
    {
        var decision = Decide(TwoStrategies, Customer(), policies: [new Scale("s2", 2, "a"), new Scale("s2", 1.5, "b")]);

        Assert.Equal(24, decision.Actions.Single().Score);
    }

    [Fact]
    public void Veto_TwoPoliciesVetoTheSameCandidate_TheFirstRuleIsTraced()
    {
        var decision = Decide(TwoStrategies, Customer(),
            policies: [DecisionPolicy.Veto("first", (_, c, _) => c.Strategy.Id != "s1"), DecisionPolicy.Veto("second", (_, _, _) => false)]);

        Assert.Equal("first", decision.Trace.Single(t => t.Strategy == "s1").Rule);
        Assert.Equal("second", decision.Trace.Single(t => t.Strategy == "s2").Rule);
        Assert.All(decision.Trace, t => Assert.Equal(ReasonCodes.Policy, t.Reason));
        Assert.Contains("\"reason\":\"policy\",\"rule\":\"first\"", DecisionJson.ToJson(decision));
    }

    [Fact]
    public void Veto_WithMessageOrError_TraceCarriesThemAfterTheRule()
    {
        var decision = Decide(TwoStrategies, Customer(), policies: [new Inline(review =>
        {
            review.Veto(review.Candidates[0], "kyc/adult", "customer must be 18 or older");
            review.VetoForError(review.Candidates[1], "kyc/income", "Error while executing rule : income - division by zero");
            review.Veto(review.Candidates[1], "later", "ignored: the first verdict stays");
        })]);

        var s1 = decision.Trace.Single(t => t.Strategy == "s1");
        var s2 = decision.Trace.Single(t => t.Strategy == "s2");
        Assert.Equal(("kyc/adult", "customer must be 18 or older", (string?)null), (s1.Rule, s1.Message, s1.Error));
        Assert.Equal(("kyc/income", (string?)null, "Error while executing rule : income - division by zero"), (s2.Rule, s2.Message, s2.Error));
        var json = DecisionJson.ToJson(decision);
        Assert.Contains("\"reason\":\"policy\",\"rule\":\"kyc/adult\",\"message\":\"customer must be 18 or older\"}", json);
        Assert.Contains("\"reason\":\"policy\",\"rule\":\"kyc/income\",\"error\":\"Error while executing rule : income - division by zero\"}", json);
    }

    [Fact]
    public void Decide_WithoutPolicies_TraceHasNoRuleField() =>
        Assert.DoesNotContain("\"rule\"", DecisionJson.ToJson(Decide(TwoStrategies, Customer())));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ScaleScore_FactorNotAFiniteNonNegativeNumber_Throws(double factor)
    {
        // The policy's misuse fails this customer's decision: its error record, with the cause inside.
        var failed = Assert.Throws<DecisionFailedException>(() => Decide(TwoStrategies, Customer(), policies: [new Scale("s1", factor, "bad")]));
        Assert.IsType<ArgumentOutOfRangeException>(failed.GetBaseException());
        Assert.Equal(SnapshotErrorCodes.EvaluationFailed, failed.Error.Code);
    }

    [Fact]
    public void Veto_CandidateOfAnotherDecision_Throws()
    {
        Candidate? kept = null;
        var keep = new Inline(review => kept ??= review.Candidates[0]);
        var plan = Load(TwoStrategies);
        Decide(plan, Customer(), policies: [keep]);

        var failed = Assert.Throws<DecisionFailedException>(() => Decide(plan, Customer(), policies: [new Inline(review => review.Veto(kept!, "x"))]));
        Assert.IsType<ArgumentException>(failed.GetBaseException());
    }

    [Fact]
    public void Review_SeesTheProfileAndEveryCandidateInFileOrder()
    {
        PolicyReview? seen = null;
        Decide(TwoStrategies, Customer(age: 60), policies: [new Inline(r => seen = r)]);

        Assert.Equal(["s1", "s2"], seen!.Candidates.Select(c => c.Strategy.Id));
        Assert.Equal(["adults", "seniors"], seen.Segments);
        Assert.Equal("active", seen.Stage);
        Assert.Equal(At, seen.At);
    }

    private sealed class Scale(string strategy, double factor, string rule) : IDecisionPolicy
    {
        public void Review(PolicyReview review)
        {
            foreach (var candidate in review.Candidates.Where(c => c.Strategy.Id == strategy))
            {
                review.ScaleScore(candidate, factor, rule);
            }
        }
    }

    private sealed class Inline(Action<PolicyReview> review) : IDecisionPolicy
    {
        public void Review(PolicyReview r) => review(r);
    }
}
