using Decisioning.Evaluation;

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
public sealed record ActionChange(ChangeKind Kind, DecisionAction? Old, DecisionAction? New, string? From = null, string? To = null)
{
    public static string Name(ChangeKind kind) => kind.ToString().ToLowerInvariant();
}

/// <summary>
/// The changes of one customer (input line <see cref="Line"/>, 0-based). A side that could not be
/// decided has its <see cref="SnapshotError"/> instead of a decision.
/// </summary>
public sealed record CustomerDiff(
    long Line,
    string? CustomerId,
    IReadOnlyList<ActionChange> Changes,
    Decision? Old,
    Decision? New,
    SnapshotError? OldError,
    SnapshotError? NewError)
{
    public bool Changed => Changes.Count > 0;
}
