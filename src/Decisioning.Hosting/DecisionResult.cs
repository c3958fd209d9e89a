using Decisioning.Evaluation;
using Decisioning.Snapshots;

namespace Decisioning.Hosting;

/// <summary>
/// One customer's line of a batch: a decision, or the error record of spec section 4 for a
/// snapshot that could not be decided.
/// </summary>
public sealed record DecisionResult(Decision? Decision, SnapshotError? Error)
{
    /// <summary>Whether the customer was decided (<see cref="Decision"/> is set, <see cref="Error"/> is null).</summary>
    public bool Succeeded => Decision is not null;

    /// <summary>The customer id, when the snapshot got far enough to show it.</summary>
    public string? CustomerId => Decision?.CustomerId ?? Error?.CustomerId;
}
