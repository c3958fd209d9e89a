using System.Runtime.CompilerServices;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.History;

/// <summary>
/// What a decision reads from a history, and how it joins the snapshot's own records: the
/// history's records the map's longest window can reach are added to the snapshot's, and a
/// record identical to one the snapshot already carries counts once.
/// </summary>
internal static class HistoryMerge
{
    /// <summary>
    /// How far back a decision with <paramref name="plan"/> can look at contacts and responses: the
    /// longest of every cooldown, channel cap period, event window, suppression window, adaptive
    /// model window and wave delay, and, for a strategy with waves, a whole sequence (the sum of its
    /// waves' delays) plus its cooldown, so that a decision in a sequence sees the sequence's first
    /// contact and the responses since. A suppression rule without <c>within</c> counts every record:
    /// the reach is then unbounded (<see cref="TimeSpan.MaxValue"/>). Records older than the reach
    /// cannot change the decision, so they are not read.
    /// </summary>
    public static TimeSpan Reach(DecisionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // Worked out once per plan: a plan is immutable, and every decision with a history asks.
        return Reaches.GetValue(plan, p => new StrongBox<TimeSpan>(LongestWindow(p))).Value!;
    }

    /// <summary>The earliest time a decision at <paramref name="at"/> reads with <paramref name="reach"/>.</summary>
    public static DateTime From(DateTime at, TimeSpan reach) => at.Ticks > reach.Ticks ? at - reach : DateTime.MinValue;

    private static readonly ConditionalWeakTable<DecisionPlan, StrongBox<TimeSpan>> Reaches = new();

    private static TimeSpan LongestWindow(DecisionPlan plan)
    {
        var longest = TimeSpan.Zero;
        foreach (var rule in plan.Suppression)
        {
            if (rule.Within is not { } within)
            {
                return TimeSpan.MaxValue;
            }

            longest = Max(longest, within);
        }

        foreach (var strategy in plan.Strategies)
        {
            longest = Max(longest, strategy.Cooldown);
            longest = Max(longest, strategy.Scenario?.Within);
            longest = Max(longest, ModelWindow(strategy.Propensity));
            if (strategy.HasWaves)
            {
                var sequence = TimeSpan.Zero;
                foreach (var wave in strategy.Waves)
                {
                    sequence += wave.After;
                }

                longest = Max(longest, sequence + (strategy.Cooldown ?? TimeSpan.Zero));
            }
        }

        foreach (var channel in plan.Channels)
        {
            longest = Max(longest, channel.Per);
        }

        return longest;
    }

    /// <summary>
    /// <paramref name="customer"/> with <paramref name="history"/>'s contacts (with their wave) and
    /// responses added after its own (the same instance when the history adds nothing new).
    /// </summary>
    public static CustomerRecord Merge(CustomerRecord customer, CustomerHistory history) => Merge(customer, history, DateTime.MinValue);

    /// <summary>
    /// <paramref name="customer"/> with <paramref name="history"/>'s records at or after
    /// <paramref name="from"/> added: for a read wider than this decision's reach (one read shared
    /// by a served map and its shadow), so each decides on exactly what its own read would give.
    /// </summary>
    public static CustomerRecord Merge(CustomerRecord customer, CustomerHistory history, DateTime from)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(history);
        var contacts = Added(customer.Contacts, history.Contacts, from, entry => entry.At,
            entry => new ContactRecord(entry.Channel, entry.At, entry.Strategy, entry.Product, entry.Outcome, entry.Wave));
        var responses = Added(customer.Responses, history.Responses, from, entry => entry.At,
            entry => new ResponseRecord(entry.At, entry.Strategy, entry.Product, entry.Kind, entry.Value));
        return contacts is null && responses is null
            ? customer
            : new CustomerRecord(customer.Id, customer.Values, customer.Holdings, customer.Events,
                contacts ?? customer.Contacts, responses ?? customer.Responses);
    }

    /// <summary>Reads what the history holds for <paramref name="customer"/> within <paramref name="reach"/> of <paramref name="at"/>, and merges it.</summary>
    public static CustomerRecord Merge(IInteractionHistory history, CustomerRecord customer, DateTime at, TimeSpan reach)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Merge(customer, history.Read(customer.Id, From(at, reach), at));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan? b) => b is { } value && value > a ? value : a;

    private static TimeSpan? ModelWindow(PropensityPlan propensity) => propensity switch
    {
        AdaptivePropensity bound => bound.Model.Window,
        AdaptiveModelPlan model => model.Window,
        _ => null,
    };

    // The snapshot's records, then the history's not already among them; null when there are none to add.
    private static TRecord[]? Added<TEntry, TRecord>(TRecord[] own, IReadOnlyList<TEntry> stored, DateTime from, Func<TEntry, DateTime> at,
        Func<TEntry, TRecord> read)
    {
        if (stored.Count == 0)
        {
            return null;
        }

        var merged = new List<TRecord>(own);
        var seen = new HashSet<TRecord>(own);
        foreach (var entry in stored)
        {
            if (at(entry) < from)
            {
                continue;
            }

            var record = read(entry);
            if (seen.Add(record))
            {
                merged.Add(record);
            }
        }

        return merged.Count == own.Length ? null : [.. merged];
    }
}
