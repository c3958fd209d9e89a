namespace Decisioning.Samples.AdaptiveLoop;

/// <summary>How well predicted propensities rank and match drawn outcomes.</summary>
internal static class Scores
{
    /// <summary>The area under the ROC curve (Mann-Whitney, ties counted half).</summary>
    public static double Auc(IReadOnlyList<double> score, IReadOnlyList<bool> outcome)
    {
        var order = Enumerable.Range(0, score.Count).OrderBy(i => score[i]).ToArray();
        double rankSum = 0;
        long positives = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j < order.Length && score[order[j]] == score[order[i]])
            {
                j++;
            }

            var rank = (i + 1 + j) / 2.0; // the mean 1-based rank of the tied run
            for (var k = i; k < j; k++)
            {
                if (outcome[order[k]])
                {
                    rankSum += rank;
                    positives++;
                }
            }

            i = j;
        }

        long negatives = score.Count - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>The mean, over ten deciles of the prediction, of |mean predicted - observed rate|.</summary>
    public static double CalibrationError(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome)
    {
        var order = Enumerable.Range(0, predicted.Count).OrderBy(i => predicted[i]).ToArray();
        var total = 0.0;
        for (var d = 0; d < 10; d++)
        {
            var from = order.Length * d / 10;
            var to = order.Length * (d + 1) / 10;
            var slice = order[from..to];
            total += Math.Abs(slice.Average(i => predicted[i]) - slice.Average(i => outcome[i] ? 1.0 : 0.0));
        }

        return total / 10;
    }
}
