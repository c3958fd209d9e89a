
namespace Decisioning.Plan;

/// <summary>Positive and negative interactions counted in one bin.</summary>
public record struct BinCount(long Positive, long Negative)
{
    /// <summary>The counts of both bins, summed.</summary>
    /// <exception cref="OverflowException">A sum exceeds <see cref="long.MaxValue"/>.</exception>
    public static BinCount operator +(BinCount a, BinCount b) => new(checked(a.Positive + b.Positive), checked(a.Negative + b.Negative));
}

/// <summary>
/// The counts of one predictor of one model instance. Numeric and bool predictors have a fixed list
/// of bins (<see cref="Fixed"/>, the null bin first); a category has its null bin in
/// <see cref="Fixed"/> and one bin per value seen in <see cref="Values"/>, in ordinal order.
/// </summary>
public sealed class PredictorCounts
{
    /// <summary>Empty counts for predictor <paramref name="name"/>, binned by <paramref name="kind"/> and, for a numeric one, <paramref name="edges"/>.</summary>
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

    /// <summary>The predictor: the customer field it bins.</summary>
    public string Name { get; }

    /// <summary>How the field is binned.</summary>
    public PredictorKind Kind { get; }

    /// <summary>A numeric predictor's bin edges, ascending; empty for the other kinds.</summary>
    public double[] Edges { get; }

    /// <summary>The fixed bins: the null bin first, then a numeric predictor's ranges or a bool's false and true.</summary>
    public BinCount[] Fixed { get; }

    /// <summary>A category predictor's bins, one per value seen, in ordinal order.</summary>
    public SortedDictionary<string, BinCount> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>B, the number of bins of the formula: the null bin, the value bins and, for a category, one for a value never seen.</summary>
    public int BinCount => Kind == PredictorKind.Category ? 2 + Values.Count : Fixed.Length;

    /// <summary>Whether <paramref name="other"/> bins the same way (same kind and edges), so the two can be added.</summary>
    public bool SameBinning(PredictorCounts other) =>
        Kind == other.Kind && Name == other.Name && Edges.AsSpan().SequenceEqual(other.Edges);

    /// <summary>Adds the counts of <paramref name="other"/>, which must bin the same way (<see cref="SameBinning"/>).</summary>
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
    /// <summary>The adaptive model's id.</summary>
    public string Model { get; } = model;

    /// <summary>The strategy whose contacts the instance learns from.</summary>
    public string Strategy { get; } = strategy;

    /// <summary>P: positive interactions counted.</summary>
    public long Positives { get; set; }

    /// <summary>N: negative interactions counted.</summary>
    public long Negatives { get; set; }

    /// <summary>The counts of each predictor, in the model's order.</summary>
    public IReadOnlyList<PredictorCounts> Predictors { get; } = predictors;

    /// <summary>The interactions counted, P + N.</summary>
    public long Evidence => Positives + Negatives;

    /// <summary>The counts of <paramref name="predictor"/>, or null when the model has no such predictor.</summary>
    public PredictorCounts? Find(string predictor) => Predictors.FirstOrDefault(p => p.Name == predictor);
}

/// <summary>
/// The learned states of a map's adaptive models, as written by <c>decisioning learn</c> and read
/// by a model's <c>state: FILE</c> (the format is in docs/adaptive.md).
/// </summary>
public sealed class AdaptiveState
{
    /// <summary>The state file's <c>format</c> value.</summary>
    public const string Format = "decisioning-adaptive-state/1";

    /// <summary>The map the state was learned for (informative; states of other maps may still be used).</summary>
    public string? Map { get; set; }

    /// <summary>The learning time: interactions whose window had not closed by then were not counted.</summary>
    public DateTime At { get; set; }

    /// <summary>The instances, by (model, strategy).</summary>
    public SortedDictionary<(string Model, string Strategy), AdaptiveInstance> Instances { get; } = new(KeyOrder.Instance);

    /// <summary>The instance of <paramref name="model"/> for <paramref name="strategy"/>, or null.</summary>
    public AdaptiveInstance? Find(string model, string strategy) => Instances.GetValueOrDefault((model, strategy));

    /// <summary>
    /// Adds <paramref name="other"/> into this state: counts of the same instance and bin are summed,
    /// category values are united, the later learning time is kept.
    /// </summary>
    /// <returns>
    /// Null, or why the two cannot be added (an instance whose predictors bin differently, or counts
    /// whose sum exceeds <see cref="long.MaxValue"/>); this state is then part-added, to be discarded.
    /// </returns>
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

            try
            {
                ours.Positives = checked(ours.Positives + theirs.Positives);
                ours.Negatives = checked(ours.Negatives + theirs.Negatives);
                for (var i = 0; i < ours.Predictors.Count; i++)
                {
                    ours.Predictors[i].Add(theirs.Predictors[i]);
                }
            }
            catch (OverflowException)
            {
                // Wrapped, the sums were negative counts: a state that no reader takes, and that
                // decided with nonsense propensities where it was swapped in online.
                return $"model '{key.Model}' of strategy '{key.Strategy}': the counts added exceed {long.MaxValue}";
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
