using Decisioning.Reporting.Model;
using Decisioning.Reporting.Statistics;

namespace Decisioning.Reporting.Maturity;

/// <summary>Adds up the scored trace lines and the contacts of one instance in one span.</summary>
internal sealed class MaturityAccumulator(Func<int, string?> versionKey)
{
    private readonly HashSet<int> versions = [];
    private readonly List<(double Score, bool Positive)> resolved = [];
    private long decisions, evidence, contacts, positives, negatives, withPropensity;
    private double propensitySum;

    public long First { get; private set; } = long.MaxValue;

    public long Last { get; private set; } = long.MinValue;

    /// <summary>The version of the latest decision (ties: the larger evidence, then the ordinally last version key), or -1.</summary>
    public int LatestVersion { get; private set; } = -1;

    private long latestEvidence = -1;

    public void Add(in ScoredLine line)
    {
        decisions++;
        evidence = Math.Max(evidence, line.Evidence);
        versions.Add(line.Version);
        First = Math.Min(First, line.Ticks);
        if (line.Ticks > Last || (line.Ticks == Last && (line.Evidence > latestEvidence || (line.Evidence == latestEvidence && string.CompareOrdinal(versionKey(line.Version), versionKey(LatestVersion)) > 0))))
        {
            (Last, latestEvidence, LatestVersion) = (line.Ticks, line.Evidence, line.Version);
        }
    }

    public void Add(in AdaptiveContact contact, bool closed)
    {
        contacts++;
        var negative = !contact.Positive && closed;
        positives += contact.Positive ? 1 : 0;
        negatives += negative ? 1 : 0;
        if (double.IsNaN(contact.Propensity))
        {
            return;
        }

        withPropensity++;
        propensitySum += contact.Propensity;
        if (contact.Positive || negative)
        {
            resolved.Add((contact.Propensity, contact.Positive));
        }
    }

    public MaturityStats Build(LearnedCounts? learned) => new(
        decisions,
        evidence,
        versions.Count(v => v >= 0),
        contacts,
        positives,
        negatives,
        withPropensity > 0 ? propensitySum / withPropensity : null,
        RankAuc.Of(resolved),
        resolved.Count,
        learned);
}
