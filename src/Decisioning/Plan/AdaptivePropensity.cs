using System.Collections.Frozen;
using Decisioning.Runtime;

namespace Decisioning.Plan;

/// <summary>
/// A <c>kind: adaptive</c> model as declared (docs/adaptive.md): its predictors, prior and learning
/// settings, and the learned state it was loaded with. A strategy that names it gets its own
/// instance through <see cref="For"/>.
/// </summary>
internal sealed record AdaptiveModelPlan(
    string ModelId,
    IReadOnlyList<AdaptivePredictor> Predictors,
    double Prior,
    double PriorWeight,
    double MinEvidence,
    TimeSpan Window,
    IReadOnlyList<string> Positive,
    AdaptiveState? State) : PropensityPlan
{
    /// <summary>Where the state came from (the state file's path, or a host's version), null when none.</summary>
    public string? StateSource { get; init; }

    /// <summary>
    /// The version of a state a host learned and swapped in (<c>sha256:</c> and the hex SHA-256 of
    /// the state file's bytes), written as the trace's <c>state</c>; null for a map's own state file,
    /// whose bytes the map hash already covers.
    /// </summary>
    public string? StateVersion { get; init; }

    /// <summary>Unbound, the model has no evidence: the prior.</summary>
    public override double Evaluate(CustomerRecord customer, string? tier, string? stage) => Prior;

    public override PropensityPlan For(string strategyId) =>
        new AdaptivePropensity(this, strategyId, State?.Find(ModelId, strategyId) ?? Empty(strategyId));

    /// <summary>An instance with no interactions, binned as this model bins.</summary>
    public AdaptiveInstance Empty(string strategyId) =>
        new(ModelId, strategyId, [.. Predictors.Select(p => new PredictorCounts(p.Name, p.Kind, p.Edges))]);
}

/// <summary>
/// One (model, strategy) instance, compiled for deciding: every bin's naive-Bayes term worked out
/// at load, so a decision only finds each predictor's bin and adds (nothing is allocated).
/// </summary>
/// <remarks>
/// With P positives and N negatives: below <c>minEvidence</c> interactions the propensity is the
/// prior blend <c>(P + w*prior) / (P + N + w)</c>; from there on it is
/// <c>1 / (1 + e^-logit)</c> with <c>logit = ln((P + w*prior) / (N + w*(1-prior))) + sum of each
/// predictor's term</c>, a bin's term being <c>ln((pos + 1) / (P + B)) - ln((neg + 1) / (N + B))</c>.
/// A propensity that would be undefined (0/0, with <c>priorWeight: 0</c> and no evidence) is the prior.
/// </remarks>
internal sealed record AdaptivePropensity : PropensityPlan
{
    private readonly double _prior;
    private readonly double _base;
    private readonly double[][] _terms;
    private readonly FrozenDictionary<string, int>?[] _values;
    private readonly AdaptivePredictor[] _predictors;

    public AdaptivePropensity(AdaptiveModelPlan model, string strategyId, AdaptiveInstance instance)
    {
        Model = model;
        StrategyId = strategyId;
        Instance = instance;
        Evidence = instance.Evidence;
        _predictors = [.. model.Predictors];
        double p = instance.Positives, n = instance.Negatives, w = model.PriorWeight, prior = model.Prior;
        var blend = (p + w * prior) / (p + n + w);
        _prior = double.IsNaN(blend) ? prior : blend;
        Mature = p + n >= model.MinEvidence;
        _base = Math.Log((p + w * prior) / (n + w * (1 - prior)));
        _terms = new double[_predictors.Length][];
        _values = new FrozenDictionary<string, int>?[_predictors.Length];
        for (var i = 0; i < _predictors.Length; i++)
        {
            var counts = instance.Predictors[i];
            var bins = counts.BinCount;
            var terms = new double[bins];
            for (var b = 0; b < bins; b++)
            {
                var c = Count(counts, b);
                terms[b] = Math.Log((c.Positive + 1) / (p + bins)) - Math.Log((c.Negative + 1) / (n + bins));
            }

            _terms[i] = terms;
            if (counts.Kind == PredictorKind.Category)
            {
                _values[i] = counts.Values.Keys.Select((v, k) => (v, k)).ToFrozenDictionary(x => x.v, x => x.k + 2, StringComparer.Ordinal);
            }
        }
    }

    public AdaptiveModelPlan Model { get; }
    public string StrategyId { get; }

    /// <summary>The learned counts this instance decides with.</summary>
    public AdaptiveInstance Instance { get; }

    /// <summary>P + N, the interactions learned from (written in the trace as <c>evidence</c>).</summary>
    public long Evidence { get; }

    /// <summary>Whether the predictors are used (P + N at least <c>minEvidence</c>); otherwise the prior blend is.</summary>
    public bool Mature { get; }

    public override double Evaluate(CustomerRecord customer, string? tier, string? stage)
    {
        if (!Mature)
        {
            return _prior;
        }

        var sum = 0.0;
        for (var i = 0; i < _predictors.Length; i++)
        {
            sum += _terms[i][Bin(i, customer.Values, tier, stage)];
        }

        var propensity = 1.0 / (1.0 + Math.Exp(-(_base + sum)));
        return double.IsNaN(propensity) ? Model.Prior : propensity;
    }

    /// <summary>
    /// The bin of predictor <paramref name="index"/> for a customer: 0 is the null bin; a category's
    /// value never seen is bin 1 and its seen values follow in ordinal order.
    /// </summary>
    public int Bin(int index, ValueRow values, string? tier, string? stage)
    {
        var predictor = _predictors[index];
        if (predictor.Kind != PredictorKind.Category)
        {
            return predictor.FixedBin(values);
        }

        if (predictor.Category(values, tier, stage) is not { } value)
        {
            return AdaptivePredictor.NullBin;
        }

        return _values[index]!.TryGetValue(value, out var bin) ? bin : 1;
    }

    /// <summary>The propensity of one customer, predictor by predictor.</summary>
    public AdaptiveBreakdown Explain(CustomerRecord customer, string? tier, string? stage)
    {
        var parts = new List<PredictorBreakdown>(_predictors.Length);
        for (var i = 0; i < _predictors.Length; i++)
        {
            var bin = Bin(i, customer.Values, tier, stage);
            var counts = Counts(i, bin);
            parts.Add(new PredictorBreakdown(_predictors[i].Name, Label(i, bin), counts.Positive, counts.Negative, _terms[i].Length, _terms[i][bin]));
        }

        return new AdaptiveBreakdown(Model.ModelId, StrategyId, Instance.Positives, Instance.Negatives, Mature,
            Evaluate(customer, tier, stage), parts);
    }

    /// <summary>The naive-Bayes term of a bin (what <c>explain</c> shows).</summary>
    public double Term(int index, int bin) => _terms[index][bin];

    /// <summary>The label of a bin, as <c>explain</c> and the state file write it (null for the null bin).</summary>
    public string? Label(int index, int bin)
    {
        var predictor = _predictors[index];
        if (predictor.Kind != PredictorKind.Category)
        {
            return predictor.FixedLabel(bin);
        }

        return bin switch
        {
            AdaptivePredictor.NullBin => null,
            1 => "(never seen)",
            _ => Instance.Predictors[index].Values.Keys.ElementAt(bin - 2),
        };
    }

    /// <summary>The counts of a bin (a category's never-seen bin counts nothing).</summary>
    public BinCount Counts(int index, int bin) => Count(Instance.Predictors[index], bin);

    private static BinCount Count(PredictorCounts counts, int bin)
    {
        if (counts.Kind != PredictorKind.Category || bin == AdaptivePredictor.NullBin)
        {
            return counts.Fixed[bin];
        }

        return bin == 1 ? default : counts.Values.Values.ElementAt(bin - 2);
    }
}

/// <summary>One predictor's part in an adaptive propensity, for <c>explain</c>.</summary>
/// <param name="Predictor">The predictor's name (a field, <c>tier</c> or <c>stage</c>).</param>
/// <param name="Positive">Positive interactions counted in the bin.</param>
/// <param name="Negative">Negative interactions counted in the bin.</param>
/// <param name="Bin">The customer's bin, as the state file labels it (null: the null bin).</param>
/// <param name="Bins">B, the predictor's number of bins.</param>
/// <param name="Term">The bin's naive-Bayes term, added to the logit when the instance is mature.</param>
public sealed record PredictorBreakdown(string Predictor, string? Bin, long Positive, long Negative, int Bins, double Term);

/// <summary>How an adaptive instance worked out one customer's propensity, for <c>explain</c>.</summary>
public sealed record AdaptiveBreakdown(
    string Model, string Strategy, long Positives, long Negatives, bool Mature, double Propensity, IReadOnlyList<PredictorBreakdown> Predictors)
{
    /// <summary>The interactions the instance learned from, P + N.</summary>
    public long Evidence => Positives + Negatives;

    /// <summary>Every adaptive propensity of <paramref name="plan"/> for one customer, in strategy order.</summary>
    public static IReadOnlyList<AdaptiveBreakdown> Of(DecisionPlan plan, CustomerRecord customer, string? tier, string? stage) =>
        [.. plan.Strategies.Select(s => s.Propensity).OfType<AdaptivePropensity>().Select(a => a.Explain(customer, tier, stage))];
}
