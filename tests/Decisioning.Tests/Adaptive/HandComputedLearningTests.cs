using Decisioning.Plan;
using Decisioning.Adaptive;
using Xunit;

namespace Decisioning.Tests.Adaptive;

/// <summary>
/// Learning and deciding on a data set small enough to work out by hand: every count and
/// propensity below is derived in the comments from the formula of docs/adaptive.md.
/// </summary>
public sealed class HandComputedLearningTests : IDisposable
{
    private static readonly DateTime LearnAt = new(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);
    private readonly AdaptiveMaps _maps = new();

    // Model m1 (strategy s-fund, product fund): age: [40], isRetiree: bool, tier: category;
    // prior 0.1, priorWeight 10, minEvidence 4, window 7d, positive [converted]. Learned at 11-30.
    private const string Snapshots = """
        {"customerId": "C1", "age": 50, "aum": 200000, "isRetiree": true}
        {"customerId": "C2", "age": 30, "aum": 1000, "isRetiree": false}
        {"customerId": "C3", "age": 45, "aum": 500000, "isRetiree": false}
        {"customerId": "C4", "age": 35, "aum": 1000, "isRetiree": true}
        {"customerId": "C5", "age": 60, "aum": 1000, "isRetiree": true}
        {"customerId": "C6", "age": 20, "aum": 300000, "isRetiree": false}
        {"customerId": "C7", "age": null, "aum": 1000, "isRetiree": false}
        {"customerId": "C8", "age": 50, "aum": 1000, "isRetiree": true}
        """;

    // Tiers as decided: C1, C3, C6 rich; the others null (aum below both tiers).
    private const string Decisions = """
        {"customerId": "C1", "at": "2026-11-01T00:00:00Z", "tier": "rich", "stage": null, "actions": [{"rank": 1, "strategy": "s-fund"}]}
        {"customerId": "C2", "at": "2026-11-01T00:00:00Z", "tier": null, "stage": null, "actions": [{"rank": 1, "strategy": "s-fund"}]}
        {"customerId": "C3", "at": "2026-11-01T00:00:00Z", "tier": "rich", "stage": null, "actions": [{"rank": 1, "strategy": "s-fund"}]}
        {"customerId": "C4", "at": "2026-11-01T00:00:00Z", "tier": null, "stage": null, "actions": [{"rank": 1, "strategy": "s-fund"}, {"rank": 2, "strategy": "s-card"}]}
        {"customerId": "C5", "at": "2026-11-28T00:00:00Z", "tier": null, "stage": null, "actions": [{"rank": 1, "strategy": "s-fund"}]}
        {"customerId": "C6", "at": "2026-11-28T00:00:00Z", "tier": "rich", "stage": null, "actions": [{"rank": 1, "strategy": "s-fund"}]}
        {"customerId": "C7", "at": "2026-11-01T00:00:00Z", "tier": null, "stage": null, "actions": [{"rank": 1, "strategy": "s-fund"}]}
        {"customerId": "C8", "at": "2026-11-01T00:00:00Z", "tier": null, "stage": null, "actions": [], "counterfactual": [{"rank": 1, "strategy": "s-fund"}]}
        {"customerId": "C9", "error": {"code": "missing-field", "message": "no age"}}
        """;

    private const string Outcomes = """
        {"customerId": "C1", "at": "2026-11-03T00:00:00Z", "product": "fund", "kind": "converted", "value": 100}
        {"customerId": "C2", "at": "2026-11-02T00:00:00Z", "product": "fund", "strategy": "s-card", "kind": "converted"}
        {"customerId": "C3", "at": "2026-11-02T00:00:00Z", "product": "fund", "kind": "responded"}
        {"customerId": "C4", "at": "2026-11-10T00:00:00Z", "product": "fund", "kind": "converted"}
        {"customerId": "C6", "at": "2026-11-29T00:00:00Z", "strategy": "s-fund", "kind": "converted"}
        {"customerId": "C8", "at": "2026-11-02T00:00:00Z", "product": "fund", "kind": "converted"}
        {"customerId": "C1", "at": "2026-12-02T00:00:00Z", "product": "fund", "kind": "converted"}
        """;

    // C1 converted within 7d: positive.             C2's conversion belongs to s-card: negative.
    // C3 only responded (not positive): negative.   C4 converted after its window closed: negative.
    // C5's window is open at 11-30, no response: not counted.
    // C6's window is open but it converted (strategy s-fund): positive.
    // C7 no response, window closed: negative (age in the null bin).
    // C8 was only a counterfactual: no contact.     C9 is an error record: no decision.
    // P = 2 (C1, C6), N = 4 (C2, C3, C4, C7).
    private (AdaptiveState State, LearnSummary Summary) Learn(string model = AdaptiveMaps.HandModel) =>
        FileLearning.Learn(_maps.Load(model), Decisions.Split('\n'), Snapshots.Split('\n'), Outcomes.Split('\n'), LearnAt);

    [Fact]
    public void Learn_HandExample_CountsEveryBinAsWorkedOut()
    {
        var (state, summary) = Learn();

        var m1 = Assert.Single(state.Instances.Values);
        Assert.Equal(("m1", "s-fund", 2L, 4L), (m1.Model, m1.Strategy, m1.Positives, m1.Negatives));
        // age [40]: null 0/1 (C7); (-inf,40) 1/2 (C6 | C2, C4); [40,+inf) 1/1 (C1 | C3).
        Assert.Equal([new(0, 1), new(1, 2), new(1, 1)], m1.Find("age")!.Fixed);
        // isRetiree: null 0/0; false 1/3 (C6 | C2, C3, C7); true 1/1 (C1 | C4).
        Assert.Equal([new(0, 0), new(1, 3), new(1, 1)], m1.Find("isRetiree")!.Fixed);
        // tier: null 0/3 (C2, C4, C7); rich 2/1 (C1, C6 | C3); the one value seen is rich.
        var tier = m1.Find("tier")!;
        Assert.Equal([new BinCount(0, 3)], tier.Fixed);
        var rich = Assert.Single(tier.Values);
        Assert.Equal(("rich", new BinCount(2, 1)), (rich.Key, rich.Value));
        Assert.Equal((8L, 7L, 2L, 4L, 1L, 7L, 1L), (summary.Decisions, summary.Contacts, summary.Positives, summary.Negatives, summary.Open, summary.Responses, summary.BadLines));
    }

    [Fact]
    public void Decide_WithTheHandState_GivesTheHandPropensities()
    {
        var (state, _) = Learn();
        var plan = _maps.Load(AdaptiveMaps.HandModel, AdaptiveStateJson.ToJson(state));

        // P + N = 6 >= minEvidence 4: logit = ln((P + w*prior) / (N + w*(1-prior))) = ln(3/13), plus per predictor
        // ln((pos+1)/(P+B)) - ln((neg+1)/(N+B)), B = 3 for each (age: null + 2 bins; bool: 3; tier: null + never seen + rich).
        // Age 50 ([40,+inf) 1/1): ln(2/5) - ln(2/7) = ln(7/5); retiree (1/1): ln(7/5); rich (2/1): ln(3/5) - ln(2/7) = ln(21/10).
        // Odds = 3/13 * 7/5 * 7/5 * 21/10 = 3087/3250, p = 3087/6337.
        Assert.Equal(3087.0 / 6337.0, AdaptiveMaps.Propensity(plan, """{"customerId": "X", "age": 50, "aum": 200000, "isRetiree": true}"""), 12);

        // Age null (0/1): ln(1/5) - ln(2/7) = ln(7/10); not retiree (1/3): ln(2/5) - ln(4/7) = ln(7/10);
        // tier mass, never seen (0/0): ln(1/5) - ln(1/7) = ln(7/5). Odds = 3/13 * 7/10 * 7/10 * 7/5 = 1029/6500.
        Assert.Equal(1029.0 / 7529.0, AdaptiveMaps.Propensity(plan, """{"customerId": "Y", "age": null, "aum": 60000, "isRetiree": false}"""), 12);
    }

    [Fact]
    public void Decide_BelowMinEvidence_BlendsThePrior()
    {
        var model = AdaptiveMaps.HandModel.Replace("minEvidence: 4", "minEvidence: 7");
        var (state, _) = Learn(model);
        var plan = _maps.Load(model, AdaptiveStateJson.ToJson(state));

        // P + N = 6 < 7: p = (P + w*prior) / (P + N + w) = (2 + 1) / (6 + 10) = 3/16, whatever the customer.
        Assert.Equal(3.0 / 16.0, AdaptiveMaps.Propensity(plan, """{"customerId": "X", "age": 50, "aum": 200000, "isRetiree": true}"""), 15);
        Assert.Equal(3.0 / 16.0, AdaptiveMaps.Propensity(plan, """{"customerId": "Y", "age": 20, "aum": 0, "isRetiree": false}"""), 15);
    }

    [Fact]
    public void Decide_WithoutState_IsThePrior()
    {
        var plan = _maps.Load(AdaptiveMaps.HandModel);

        // No evidence: (0 + 10 * 0.1) / (0 + 10) = 0.1.
        Assert.Equal(0.1, AdaptiveMaps.Propensity(plan, """{"customerId": "X", "age": 50, "aum": 200000, "isRetiree": true}"""), 15);
    }

    public void Dispose() => _maps.Dispose();
}
