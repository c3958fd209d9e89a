using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Runtime;
using Decisioning.Serialization;

namespace Decisioning.Benchmarks.Baselines;

/// <summary>
/// Every engine of the comparison over one plan and one set of customers, built and
/// cross-checked outside the timed code: construction throws unless all of them select the same
/// actions (strategy, channel, rank, score and script) for every customer.
/// </summary>
public sealed class Contenders
{
    private readonly RuleInput[] _inputs;
    private int _next;

    public Contenders(DecisionPlan plan, CustomerRecord[] customers, bool rulesEngine = true)
    {
        Customers = customers;
        Evaluator = new Evaluator(plan);
        Buffer = new DecisionBuffer(plan);
        var map = new MapWorkflows(plan);
        _inputs = [.. customers.Select(RuleInput.From)];
        Raw = new PlainDecider(map, new RawConditions(map));
        if (rulesEngine)
        {
            RulesEngineDefault = new PlainDecider(map, new RulesEngineConditions(map, tuned: false));
            RulesEngineTuned = new PlainDecider(map, new RulesEngineConditions(map, tuned: true));
        }

        AssertAgreement();
    }

    public CustomerRecord[] Customers { get; }

    public Evaluator Evaluator { get; }

    public DecisionBuffer Buffer { get; }

    public PlainDecider Raw { get; }

    public PlainDecider? RulesEngineDefault { get; }

    public PlainDecider? RulesEngineTuned { get; }

    // The customers are cycled: a power of two keeps the wrap a mask.
    private int Next() => _next = (_next + 1) & (Customers.Length - 1);

    public Decision Decide() => Evaluator.Decide(Customers[Next()], Inputs.Samples.At);

    public DecisionBuffer DecideInto()
    {
        Evaluator.DecideInto(Customers[Next()], Inputs.Samples.At, Buffer);
        return Buffer;
    }

    /// <summary>What the host engine's <c>Decide</c> does: into this thread's buffer, then copied out as records.</summary>
    public Decision DecideIntoCopy()
    {
        Evaluator.DecideInto(Customers[Next()], Inputs.Samples.At, Buffer);
        return Buffer.ToDecision();
    }

    public List<PlainAction> Plain(PlainDecider decider) => decider.Decide(_inputs[Next()], Inputs.Samples.At);

    private void AssertAgreement()
    {
        for (var i = 0; i < Customers.Length; i++)
        {
            var decision = Evaluator.Decide(Customers[i], Inputs.Samples.At);
            var expected = Describe(decision.Actions.Select(a => new PlainAction(a.Rank, a.Strategy, a.Channel, a.Script, a.Score)));
            Evaluator.DecideInto(Customers[i], Inputs.Samples.At, Buffer);
            var buffered = DecisionJson.ToJson(Buffer.ToDecision());
            if (buffered != DecisionJson.ToJson(decision))
            {
                throw new InvalidOperationException($"DecideInto disagrees with Decide for {Customers[i].Id}:\n{buffered}\n{DecisionJson.ToJson(decision)}");
            }

            foreach (var (name, decider) in new[] { ("raw", Raw), ("RulesEngine default", RulesEngineDefault), ("RulesEngine tuned", RulesEngineTuned) })
            {
                if (decider is not null && Describe(decider.Decide(_inputs[i], Inputs.Samples.At)) is var got && got != expected)
                {
                    throw new InvalidOperationException($"{name} disagrees with Decisioning for {Customers[i].Id}: {got} vs {expected}");
                }
            }
        }
    }

    private static string Describe(IEnumerable<PlainAction> actions) =>
        string.Join(" | ", actions.Select(a => $"{a.Rank} {a.Strategy} {a.Channel} {a.Score:R} {a.Script}"));
}
