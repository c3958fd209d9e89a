using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>
/// The gates of <see cref="Gates"/> for <see cref="Evaluator.DecideInto"/>: the same order, the
/// same reason codes and spec windows, with no explain recorder and no allocation. A script is
/// measured against a channel's <c>maxLength</c> by <see cref="ScriptLength"/> where it can be, and
/// rendered only where it cannot; scripts are otherwise rendered by <see cref="DecisionBuffer.Script"/> when read. The cross-check tests hold both paths equal.
/// </summary>
internal static class BufferedGates
{
    /// <summary>The strategy's reason code, or null when it passes (its channel then in <paramref name="slot"/>).</summary>
    public static string? Run(StrategyPlan s, DecisionBuffer buffer, DateTime at, ref CandidateSlot slot)
    {
        var customer = buffer.Customer;
        var frame = buffer.Frame;
        slot.Script = null;
        if ((s.ActiveFrom is { } from && at < from) || (s.ActiveTo is { } to && at >= to))
        {
            return ReasonCodes.Inactive;
        }

        if (s.Target is { } target && !Targeted(target, buffer.InSegment))
        {
            return ReasonCodes.NotTargeted;
        }

        if (s.Scenario is { } scenario && !ScenarioCheck.Holds(scenario, customer, frame, at))
        {
            return ReasonCodes.Scenario;
        }

        if (s.When is { } when && !when.Test(frame))
        {
            return ReasonCodes.Condition;
        }

        if (!s.Product.Eligible.Test(frame))
        {
            return ReasonCodes.Ineligible;
        }

        if (!s.Product.Repeatable && Array.IndexOf(customer.Holdings, s.Product.Id) >= 0)
        {
            return ReasonCodes.AlreadyHeld;
        }

        if (s.Cooldown is { } cooldown && ContactedFor(customer, s.Id, at, cooldown))
        {
            return ReasonCodes.Cooldown;
        }

        return FirstChannel(s, buffer, at, ref slot) ? null : ReasonCodes.NoChannel;
    }

    private static bool Targeted(IReadOnlyList<int> target, bool[] inSegment)
    {
        for (var i = 0; i < target.Count; i++)
        {
            if (inSegment[target[i]])
            {
                return true;
            }
        }

        return false;
    }

    private static bool FirstChannel(StrategyPlan s, DecisionBuffer buffer, DateTime at, ref CandidateSlot slot)
    {
        for (var i = 0; i < s.Channels.Count; i++)
        {
            var choice = s.Channels[i];
            var channel = choice.Channel;
            if (!channel.Reachable.Test(buffer.Frame))
            {
                continue;
            }

            if (channel.MaxContacts is { } max && ContactsOn(buffer.Customer, channel.Id, at, channel.Per!.Value) >= max)
            {
                continue;
            }

            string? script = null;
            if (channel.MaxLength is { } limit && choice.Script is { } template)
            {
                if (buffer.Lengths[s.Index][i] is { } length)
                {
                    // Measured without rendering: the script itself is rendered only if read.
                    if (length.Measure(buffer.Customer.Values) > limit)
                    {
                        continue;
                    }
                }
                else
                {
                    buffer.Fields ??= new ScriptFields(buffer.Plan, buffer.Customer);
                    script = template.Render(buffer.Fields.Value, s.Product.ScriptValue, channel.ScriptValue, s.ScriptValue);
                    if (script.Length > limit)
                    {
                        continue;
                    }
                }
            }

            slot.Choice = choice;
            slot.Script = script;
            return true;
        }

        return false;
    }

    // A contact for this strategy in (at - cooldown, at], the spec window (ContactWindow.Spec).
    private static bool ContactedFor(CustomerRecord customer, string strategyId, DateTime at, TimeSpan cooldown)
    {
        foreach (var c in customer.Contacts)
        {
            if (c.Strategy == strategyId && ContactWindow.Spec.Contains(c.At, at, cooldown))
            {
                return true;
            }
        }

        return false;
    }

    private static int ContactsOn(CustomerRecord customer, string channelId, DateTime at, TimeSpan per)
    {
        var count = 0;
        foreach (var c in customer.Contacts)
        {
            if (c.Channel == channelId && ContactWindow.Spec.Contains(c.At, at, per))
            {
                count++;
            }
        }

        return count;
    }
}
