namespace Decisioning.Reporting.Statistics;

/// <summary>
/// The area under the ROC curve of scores against a binary outcome, as the Mann-Whitney statistic:
/// the probability that a random positive scores above a random negative, ties counting one half.
/// </summary>
internal static class RankAuc
{
    /// <summary>Null unless there is at least one positive and one negative.</summary>
    public static double? Of(IReadOnlyList<(double Score, bool Positive)> items)
    {
        long positives = items.Count(i => i.Positive);
        long negatives = items.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        var sorted = items.OrderBy(i => i.Score).ToArray();

        // Ranks 1..n; a run of equal scores shares the mean of its ranks.
        double positiveRanks = 0;
        for (var start = 0; start < sorted.Length;)
        {
            var end = start;
            while (end + 1 < sorted.Length && sorted[end + 1].Score == sorted[start].Score)
            {
                end++;
            }

            var meanRank = ((start + 1) + (end + 1)) / 2.0;
            for (var i = start; i <= end; i++)
            {
                positiveRanks += sorted[i].Positive ? meanRank : 0;
            }

            start = end + 1;
        }

        return (positiveRanks - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }
}
