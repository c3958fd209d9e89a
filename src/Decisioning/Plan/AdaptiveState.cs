using Decisioning.Plan;

namespace Decisioning.Plan;

/// <summary>Positive and negative interactions counted in one bin.</summary>
public record struct BinCount(long Positive, long Negative)
{
    public static BinCount operator +(BinCount a, BinCount b) => new(a.Positive + b.Positive, a.Negative + b.Negative);
}

/// <summary>
/// The counts of one predictor of one model instance. Numeric and bool predictors have a fixed list
/// of bins (<see cref="Fixed"/>, the null bin first); a category has its null bin in
/// <see cref="Fixed"/> and one bin per value seen in <see cref="Values"/>, in ordinal order.
/// </summary>
public sealed class PredictorCounts
{
    public PredictorCounts(string name, PredictorKind kind, double[] edges)
    {
        Name = name;
        Kind = kind;
        Edges = edges;
        Fixed = new BinCount[kind switch
        {
            PredictorKind.Numeric => edges.Length + 2,
            PredictorKind.Bool => 3,
            _ => 1,
        }];
    }

    public string Name { get; }
    public PredictorKind Kind { get; }
    public double[] Edges { get; }
    public BinCount[] Fixed { get; }
    public SortedDictionary<string, BinCount> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>B, the number of bins of the formula: the null bin, the value bins and, for a category, one for a value never seen.</summary>
    public int BinCount => Kind == PredictorKind.Category ? 2 + Values.Count : Fixed.Length;

    /// <summary>Whether <paramref name="other"/> bins the same way (same kind and edges), so the two can be added.</summary>
    public bool SameBinning(PredictorCounts other) =>
        Kind == other.Kind && Name == other.Name && Edges.AsSpan().SequenceEqual(other.Edges);

    public void Add(PredictorCounts other)
    {
        for (var i = 0; i < Fixed.Length; i++)
        {
            Fixed[i] += other.Fixed[i];
        }

        foreach (var (value, count) in other.Values)
        {
            Values[value] = Values.GetValueOrDefault(value) + count;
        }
    }
}

/// <summary>
/// The learned state of one model instance, one per (model, strategy): P, N and the counts of each
/// predictor's bins. States are sums, so the states of two partitions add up to the state of both.
/// </summary>
public sealed class AdaptiveInstance(string model, string strategy, IReadOnlyList<PredictorCounts> predictors)
{
    public string Model { get; } = model;
    public string Strategy { get; } = strategy;
    public long Positives { get; set; }
    public long Negatives { get; set; }
    public IReadOnlyList<PredictorCounts> Predictors { get; } = predictors;

    /// <summary>The interactions counted, P + N.</summary>
    public long Evidence => Positives + Negatives;

    public PredictorCounts? Find(string predictor) => Predictors.FirstOrDefault(p => p.Name == predictor);
}

/// <summary>
/// The learned states of a map's adaptive models, as written by <c>decisioning learn</c> and read
/// by a model's <c>state: FILE</c> (the format is in docs/adaptive.md).
/// </summary>
public sealed class AdaptiveState
{
    public const string Format = "decisioning-adaptive-state/1";

    /// <summary>The map the state was learned for (informative; states of other maps may still be used).</summary>
    public string? Map { get; set; }

    /// <summary>The learning time: interactions whose window had not closed by then were not counted.</summary>
    public DateTime At { get; set; }

    /// <summary>The instances, by (model, strategy).</summary>
    public SortedDictionary<(string Model, string Strategy), AdaptiveInstance> Instances { get; } = new(KeyOrder.Instance);

    public AdaptiveInstance? Find(string model, string strategy) => Instances.GetValueOrDefault((model, strategy));

    /// <summary>
    /// Adds <paramref name="other"/> into this state: counts of the same instance and bin are summed,
    /// category values are united, the later learning time is kept.
    /// </summary>
    /// <returns>Null, or why the two cannot be added (an instance whose predictors bin differently).</returns>
    public string? Add(AdaptiveState other)
    {
        foreach (var (key, theirs) in other.Instances)
        {
            if (!Instances.TryGetValue(key, out var ours))
            {
                ours = new AdaptiveInstance(key.Model, key.Strategy,
                    [.. theirs.Predictors.Select(p => new PredictorCounts(p.Name, p.Kind, p.Edges))]);
                Instances[key] = ours;
            }

            if (ours.Predictors.Count != theirs.Predictors.Count ||
                ours.Predictors.Zip(theirs.Predictors).Any(x => !x.First.SameBinning(x.Second)))
            {
                return $"model '{key.Model}' of strategy '{key.Strategy}' has different predictors or bin edges in the two states";
            }

            ours.Positives += theirs.Positives;
            ours.Negatives += theirs.Negatives;
            for (var i = 0; i < ours.Predictors.Count; i++)
            {
                ours.Predictors[i].Add(theirs.Predictors[i]);
            }
        }

        Map ??= other.Map;
        if (other.At > At)
        {
            At = other.At;
        }

        return null;
    }

    private sealed class KeyOrder : IComparer<(string Model, string Strategy)>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare((string Model, string Strategy) x, (string Model, string Strategy) y)
        {
            var c = string.CompareOrdinal(x.Model, y.Model);
            return c != 0 ? c : string.CompareOrdinal(x.Strategy, y.Strategy);
        }
    }
}
