using Decisioning.Snapshots;

namespace Decisioning.Hosting;

/// <summary>
/// Thrown by <see cref="IDecisionEngine.Decide(string, Snapshots.CustomerSnapshot, DateTimeOffset)"/>
/// for a snapshot that does not fit the map's customer schema (spec section 2).
/// <see cref="IDecisionEngine.TryDecide"/> reports the same without throwing.
/// </summary>
public sealed class InvalidSnapshotException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>, met deciding with map <paramref name="mapId"/> at <paramref name="version"/>.</summary>
    public InvalidSnapshotException(string mapId, string version, SnapshotError error)
        : base($"the snapshot of customer '{error.CustomerId ?? "(unknown)"}' does not fit map '{mapId}' version '{version}': {error.Code}: {error.Message}")
    {
        MapId = mapId;
        Version = version;
        Error = error;
    }

    /// <summary>The id of the map the snapshot was decided with.</summary>
    public string MapId { get; }

    /// <summary>The version of that map.</summary>
    public string Version { get; }

    /// <summary>The error record, with its stable code (docs/reference/snapshot-errors.md).</summary>
    public SnapshotError Error { get; }
}
