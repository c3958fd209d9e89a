using Decisioning.Compilation;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>
/// The gates of spec section 3, step 2, for one customer at one time, in their order. The first
/// gate that fails is the strategy's reason code.
/// </summary>
internal sealed class Gates(DecisionPlan plan, CustomerRecord customer, Frame frame, DateTime at, IExplainRecorder? explain,
    EvaluationRules rules)
{
    private readonly ScriptFields _scriptFields = new(plan, customer);

    public Candidate? Check(StrategyPlan s, bool[] inSegment, out string? reason)
    {
        reason = Run(s, inSegment, out var channel, out var script);
        if (reason is not null)
        {
            return null;
        }

        var propensity = s.Propensity.Evaluate(customer);
        var weight = s.Objective?.Weight ?? 1.0;
        // Spec section 3, step 3, evaluated left to right as written: never rounded.
        var score = propensity * s.Product.Value * weight * s.Priority / 100;
        return new Candidate(s, channel!, script, score, propensity);
    }

    private string? Run(StrategyPlan s, bool[] inSegment, out ChannelPlan? channel, out string? script)
    {
        channel = null;
        script = null;
        if (!Pass(s, "active", (s.ActiveFrom is null || at >= s.ActiveFrom) && (s.ActiveTo is null || at < s.ActiveTo), null))
        {
            return ReasonCodes.Inactive;
        }

        if (!Pass(s, "target", Targeted(s, inSegment), null))
        {
            return ReasonCodes.NotTargeted;
        }

        if (!Pass(s, "scenario", s.Scenario is null || ScenarioCheck.Holds(s.Scenario, customer, frame, at), s.Scenario?.When))
        {
            return ReasonCodes.Scenario;
        }

        if (!Pass(s, "when", s.When is null || s.When.Test(frame), s.When))
        {
            return ReasonCodes.Condition;
        }

        if (!Pass(s, "product", s.Product.Eligible.Test(frame), s.Product.Eligible))
        {
            return ReasonCodes.Ineligible;
        }

        if (!Pass(s, "held", s.Product.Repeatable || Array.IndexOf(customer.Holdings, s.Product.Id) < 0, null))
        {
            return ReasonCodes.AlreadyHeld;
        }

        if (!Pass(s, "cooldown", s.Cooldown is not { } cooldown || !ContactedFor(s.Id, cooldown), null))
        {
            return ReasonCodes.Cooldown;
        }

        var found = FirstChannel(s, out channel, out script);
        return Pass(s, "channel", found, null) ? null : ReasonCodes.NoChannel;
    }

    private bool Pass(StrategyPlan s, string gate, bool passed, CompiledCondition? condition)
    {
        explain?.Gate(s, gate, passed, condition, frame);
        return passed;
    }

    private static bool Targeted(StrategyPlan s, bool[] inSegment)
    {
        if (s.Target is not { } target)
        {
            return true;
        }

        foreach (var index in target)
        {
            if (inSegment[index])
            {
                return true;
            }
        }

        return false;
    }

    // A contact for this strategy in (at - cooldown, at] (the window is the spec's, except in mutation tests).
    private bool ContactedFor(string strategyId, TimeSpan cooldown)
    {
        foreach (var c in customer.Contacts)
        {
            if (c.Strategy == strategyId && rules.Cooldown.Contains(c.At, at, cooldown))
            {
                return true;
            }
        }

        return false;
    }

    private bool FirstChannel(StrategyPlan s, out ChannelPlan? chosen, out string? script)
    {
        foreach (var choice in s.Channels)
        {
            // The gate itself is shared with batch allocation's fallback channels (ChannelGate).
            var failure = ChannelGate.Test(choice, s, customer, frame, at, _scriptFields, rules.ContactPolicy, out script);
            explain?.ChannelTried(s, choice.Channel, failure, script);
            if (failure is null)
            {
                chosen = choice.Channel;
                return true;
            }
        }

        chosen = null;
        script = null;
        return false;
    }
}
