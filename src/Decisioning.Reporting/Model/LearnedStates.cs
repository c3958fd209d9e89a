namespace Decisioning.Reporting.Model;

/// <summary>
/// The learned states a maturity view may look into, by version: a host's state (the trace's
/// <c>state</c>, <c>sha256:</c> and the hex SHA-256 of the state file's bytes) or a map's own state
/// files (the decision's <c>mapHash</c>). The reporting package reads no state file itself: the
/// command line fills this from the map and the state files it is given.
/// </summary>
public sealed class LearnedStates
{
    private readonly Dictionary<(string Version, string Model, string Strategy), LearnedCounts> counts = [];

    /// <summary>The number of (version, model, strategy) entries.</summary>
    public int Count => counts.Count;

    /// <summary>Adds or replaces the counts of one instance in one version.</summary>
    public void Add(string version, string model, string strategy, LearnedCounts learned)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(learned);
        counts[(version, model, strategy)] = learned;
    }

    /// <summary>The instance's counts in that version, or null when unknown.</summary>
    public LearnedCounts? Find(string version, string model, string strategy) =>
        counts.GetValueOrDefault((version, model, strategy));
}
