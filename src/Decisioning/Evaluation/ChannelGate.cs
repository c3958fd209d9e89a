using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>A channel that passes the channel gate for a customer, with the script rendered for it.</summary>
internal sealed record ChannelPass(ChannelPlan Channel, string? Script);

/// <summary>
/// The channel gate of spec section 3 for one channel of a strategy: reachable, fewer than
/// <c>max</c> contacts in <c>(at - per, at]</c>, rendered script within <c>maxLength</c> UTF-16
/// code units. <see cref="Gates"/> takes the first channel that passes; batch allocation (spec
/// section 7) needs every one, to fall back when a channel is full. The gate never depends on
/// what was allocated, so the list can be computed once, when the customer is decided.
/// </summary>
internal static class ChannelGate
{
    public const string Unreachable = "unreachable";
    public const string ContactPolicy = "contact-policy";
    public const string TooLong = "too-long";

    /// <summary>
    /// Every channel of <paramref name="strategy"/>'s list from position <paramref name="from"/> on
    /// that passes for the customer, in preference order. <paramref name="decision"/> is the
    /// customer's decision at <paramref name="at"/>, whose tier, stage and segments the channels'
    /// conditions may read. Thread-safe.
    /// </summary>
    /// <remarks>For a follow-up (<paramref name="wave"/> above 1), the list is that wave's channels.</remarks>
    public static IReadOnlyList<ChannelPass> Passing(DecisionPlan plan, CustomerRecord customer, Decision decision, StrategyPlan strategy, DateTime at,
        int from = 0, int wave = 1)
    {
        var frame = new Frame
        {
            Customer = customer.Values,
            Holdings = customer.Holdings,
            Tier = decision.Tier,
            Stage = decision.Stage,
            Segments = decision.Segments,
        };
        var layout = GateLayout.For(plan);
        var gates = new Gates(layout);
        gates.Reset(customer, frame, at, [], renderScripts: true);
        var choices = layout.WaveChannels[strategy.Index][wave > 1 && strategy.HasWaves ? wave - 1 : 0];
        var passing = new List<ChannelPass>(choices.Length);
        for (var i = from; i < choices.Length; i++)
        {
            if (gates.TryChannel(strategy, wave, i, out var script) is null)
            {
                passing.Add(new ChannelPass(choices[i].Channel, script));
            }
        }

        return passing;
    }

    /// <summary>
    /// The part of the gate that depends on the channel alone, not on the strategy's script:
    /// <see cref="Unreachable"/>, <see cref="ContactPolicy"/>, or null when the channel is open.
    /// </summary>
    internal static string? Open(ChannelPlan channel, CustomerRecord customer, Frame frame, DateTime at, ContactWindow window)
    {
        if (!channel.Reachable.Test(frame))
        {
            return Unreachable;
        }

        return channel.MaxContacts is { } max && ContactsOn(customer, channel.Id, channel.Per!.Value, at, window) >= max
            ? ContactPolicy
            : null;
    }

    // Contacts on the channel in (at - per, at] (the window is the spec's, except in mutation tests).
    internal static int ContactsOn(CustomerRecord customer, string channelId, TimeSpan per, DateTime at, ContactWindow window)
    {
        var count = 0;
        foreach (var c in customer.Contacts)
        {
            if (c.Channel == channelId && window.Contains(c.At, at, per))
            {
                count++;
            }
        }

        return count;
    }
}

/// <summary>What a script sees as <c>customer</c>: the declared fields by name, built on first use.</summary>
internal sealed class ScriptFields(DecisionPlan plan, CustomerRecord customer)
{
    public Dictionary<string, object?> Value => field ??= Build();

    private Dictionary<string, object?> Build()
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var slot in plan.Customer.Fields)
        {
            values[slot.Name] = customer.Values.Get(slot.Index);
        }

        return values;
    }
}
