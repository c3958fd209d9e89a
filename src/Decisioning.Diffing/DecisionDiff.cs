using Decisioning.Evaluation;
using Decisioning.Snapshots;

namespace Decisioning.Diffing;

/// <summary>
/// Compares a customer's decisions under two map versions. The actions compared are those the
/// customer receives (<c>actions</c>; in the control group what its policy returns). A score that
/// moves while the action stays the same is not a change. Actions are paired by strategy first
/// (then rank, product, channel and script may differ); the old and new actions left over are
/// paired by rank (the customer moved from one strategy to another); what is still left over was
/// removed or added.
/// </summary>
internal static class DecisionDiff
{
    public static IReadOnlyList<ActionChange> Compare(Decision? old, SnapshotError? oldError, Decision? @new, SnapshotError? newError)
    {
        var changes = new List<ActionChange>();
        if (old is null && @new is null)
        {
            return changes;
        }

        if (old is null || @new is null)
        {
            changes.Add(new ActionChange(ChangeKind.Error, null, null, oldError?.Code, newError?.Code));
        }
        else if (old.Experiment?.Group != @new.Experiment?.Group)
        {
            changes.Add(new ActionChange(ChangeKind.Group, null, null, old.Experiment?.Group, @new.Experiment?.Group));
        }

        var before = old?.Actions.ToList() ?? [];
        var after = @new?.Actions.ToList() ?? [];
        foreach (var a in before.ToList())
        {
            if (after.Find(b => b.Strategy == a.Strategy) is { } b)
            {
                Same(a, b, changes);
                before.Remove(a);
                after.Remove(b);
            }
        }

        foreach (var a in before.ToList())
        {
            if (after.Find(b => b.Rank == a.Rank) is { } b)
            {
                changes.Add(new ActionChange(ChangeKind.Strategy, a, b));
                before.Remove(a);
                after.Remove(b);
            }
        }

        changes.AddRange(before.Select(a => new ActionChange(ChangeKind.Removed, a, null)));
        changes.AddRange(after.Select(b => new ActionChange(ChangeKind.Added, null, b)));
        return changes;
    }

    // The same strategy on both sides: what else moved.
    private static void Same(DecisionAction a, DecisionAction b, List<ActionChange> changes)
    {
        if (a.Rank != b.Rank)
        {
            changes.Add(new ActionChange(ChangeKind.Rank, a, b));
        }

        if (a.Product != b.Product)
        {
            changes.Add(new ActionChange(ChangeKind.Product, a, b));
        }

        if (a.Channel != b.Channel)
        {
            changes.Add(new ActionChange(ChangeKind.Channel, a, b));
        }
        else if (a.Script != b.Script)
        {
            changes.Add(new ActionChange(ChangeKind.Script, a, b));
        }
    }
}
