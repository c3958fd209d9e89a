using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.History;

/// <summary>
/// What a decision reads from a history, and how it joins the snapshot's own records: the
/// history's records the map's longest window can reach are added to the snapshot's, and a
/// record identical to one the snapshot already carries counts once.
/// </summary>
public static class HistoryMerge
{
    /// <summary>
    /// How far back a decision with <paramref name="plan"/> can look at contacts and responses:
    /// the longest cooldown or channel contact-policy period. Records older than that cannot change
    /// the decision, so they are not read.
    /// </summary>
    public static TimeSpan Reach(DecisionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var longest = TimeSpan.Zero;
        foreach (var strategy in plan.Strategies)
        {
            longest = Max(longest, strategy.Cooldown);
        }

        foreach (var channel in plan.Channels)
        {
            longest = Max(longest, channel.Per);
        }

        return longest;
    }

    /// <summary>
    /// <paramref name="customer"/> with <paramref name="history"/>'s records added (the same
    /// instance when the history adds nothing new).
    /// </summary>
    public static CustomerRecord Merge(CustomerRecord customer, CustomerHistory history)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(history);
        if (history.Contacts.Count == 0)
        {
            return customer;
        }

        var contacts = new List<ContactRecord>(customer.Contacts);
        var seen = new HashSet<ContactRecord>(customer.Contacts);
        foreach (var entry in history.Contacts)
        {
            var contact = new ContactRecord(entry.Channel, entry.At, entry.Strategy, entry.Product, entry.Outcome);
            if (seen.Add(contact))
            {
                contacts.Add(contact);
            }
        }

        return contacts.Count == customer.Contacts.Length
            ? customer
            : new CustomerRecord(customer.Id, customer.Values, customer.Holdings, customer.Events, [.. contacts]);
    }

    /// <summary>Reads what the history holds for <paramref name="customer"/> within <paramref name="reach"/> of <paramref name="at"/>, and merges it.</summary>
    public static CustomerRecord Merge(IInteractionHistory history, CustomerRecord customer, DateTime at, TimeSpan reach)
    {
        ArgumentNullException.ThrowIfNull(history);
        var from = at.Ticks > reach.Ticks ? at - reach : DateTime.MinValue;
        return Merge(customer, history.Read(customer.Id, from, at));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan? b) => b is { } value && value > a ? value : a;
}
