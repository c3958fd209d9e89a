using Decisioning.Reporting.Statistics;

namespace Decisioning.Reporting.Tests.Statistics;

/// <summary>The AUC by ranks equals the share of (positive, negative) pairs the positive wins, ties counting one half.</summary>
public class RankAucTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Auc_OnRandomScoresWithTies_EqualsThePairCount(int seed)
    {
        var random = new Random(seed);
        var items = Enumerable.Range(0, random.Next(2, 300))
            .Select(_ => (Score: Math.Round(random.NextDouble(), 1), Positive: random.NextDouble() < 0.3))
            .ToList();

        var auc = RankAuc.Of(items);

        var positives = items.Where(i => i.Positive).ToList();
        var negatives = items.Where(i => !i.Positive).ToList();
        if (positives.Count == 0 || negatives.Count == 0)
        {
            Assert.Null(auc);
            return;
        }

        var wins = positives.Sum(p => negatives.Sum(n => p.Score > n.Score ? 1.0 : p.Score == n.Score ? 0.5 : 0));
        Assert.Equal(wins / (positives.Count * (double)negatives.Count), auc!.Value, 12);
    }

    [Fact]
    public void Auc_WithoutAPositiveOrANegative_IsNull_AndAPerfectRankingIsOne()
    {
        Assert.Null(RankAuc.Of([(0.1, true), (0.2, true)]));
        Assert.Null(RankAuc.Of([(0.1, false)]));
        Assert.Null(RankAuc.Of([]));
        Assert.Equal(1.0, RankAuc.Of([(0.9, true), (0.1, false), (0.8, true), (0.2, false)]));
        Assert.Equal(0.0, RankAuc.Of([(0.1, true), (0.9, false)]));
    }
}
