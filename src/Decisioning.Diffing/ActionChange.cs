using Decisioning.Evaluation;
using Decisioning.Snapshots;

namespace Decisioning.Diffing;

/// <summary>How one action of a customer differs between two map versions.</summary>
public enum ChangeKind
{
    /// <summary>A strategy's action only in the new decision.</summary>
    Added,

    /// <summary>A strategy's action only in the old decision.</summary>
    Removed,

    /// <summary>The rank holds another strategy's action: the customer moved from one strategy to another.</summary>
    Strategy,

    /// <summary>The same strategy offers another product.</summary>
    Product,

    /// <summary>The same strategy goes through another channel.</summary>
    Channel,

    /// <summary>The same strategy at another rank.</summary>
    Rank,

    /// <summary>The same strategy and channel with another rendered script.</summary>
    Script,

    /// <summary>The customer is in another experiment group.</summary>
    Group,

    /// <summary>The snapshot is valid under one map and invalid under the other.</summary>
    Error,
}

/// <summary>
/// One change: <see cref="Old"/> and <see cref="New"/> are the actions compared (one is null for
/// <see cref="ChangeKind.Added"/> and <see cref="ChangeKind.Removed"/>; both are null for
/// <see cref="ChangeKind.Group"/> and <see cref="ChangeKind.Error"/>, whose values are in
/// <see cref="From"/> and <see cref="To"/>).
/// </summary>
/// <param name="Kind">What changed.</param>
/// <param name="Old">The action under the old map, when the change is about one.</param>
/// <param name="New">The action under the new map, when the change is about one.</param>
/// <param name="From">For a group change the old group (null: no experiment), for an error change the old side's error code (null: decided).</param>
/// <param name="To">For a group change the new group (null: no experiment), for an error change the new side's error code (null: decided).</param>
public sealed record ActionChange(ChangeKind Kind, DecisionAction? Old, DecisionAction? New, string? From = null, string? To = null)
{
    /// <summary>The kind's name as the diff's JSON writes it (lower case: <c>added</c>, <c>strategy</c>, ...).</summary>
    public static string Name(ChangeKind kind) => kind.ToString().ToLowerInvariant();
}

/// <summary>
/// The changes of one customer (input line <see cref="Line"/>, 0-based). A side that could not be
/// decided has its <see cref="SnapshotError"/> instead of a decision.
/// </summary>
/// <param name="Line">The input line, 0-based.</param>
/// <param name="CustomerId">The customer's id, when a side could read it.</param>
/// <param name="Changes">The changes, rank by rank; empty when the decisions are the same.</param>
/// <param name="Old">The decision under the old map; null when that side failed.</param>
/// <param name="New">The decision under the new map; null when that side failed.</param>
/// <param name="OldError">Why the old side could not decide, or null.</param>
/// <param name="NewError">Why the new side could not decide, or null.</param>
public sealed record CustomerDiff(
    long Line,
    string? CustomerId,
    IReadOnlyList<ActionChange> Changes,
    Decision? Old,
    Decision? New,
    SnapshotError? OldError,
    SnapshotError? NewError)
{
    /// <summary>Whether anything changed for this customer.</summary>
    public bool Changed => Changes.Count > 0;
}
