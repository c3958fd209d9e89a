using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Adaptive;

/// <summary>A response as the learner reads it: when, to which strategy or product, of which kind.</summary>
public readonly record struct LearnResponse(DateTime At, string? Strategy, string? Product, string Kind);

/// <summary>What became of one contact at learning time.</summary>
public enum InteractionOutcome
{
    /// <summary>A positive response of the strategy fell in its window.</summary>
    Positive,

    /// <summary>No positive response, and the window closed before the learning time.</summary>
    Negative,

    /// <summary>The window is still open and no positive response came yet: not counted.</summary>
    Open,
}

/// <summary>
/// Learns the states of a map's adaptive models (docs/adaptive.md): one instance per (model,
/// strategy), whose interactions are the contacts of that strategy, positive or negative by the
/// responses that followed them, binned by the customer's predictor values as decided.
/// </summary>
/// <remarks>Not thread-safe; learn partitions on separate learners and add their states.</remarks>
public sealed class AdaptiveLearner
{
    private readonly Dictionary<string, (AdaptivePropensity Propensity, StrategyPlan Strategy, AdaptiveInstance Counts)> _byStrategy =
        new(StringComparer.Ordinal);

    /// <param name="plan">The map whose adaptive models are learned.</param>
    /// <param name="at">The learning time: responses after it have not arrived, windows open at it are not counted.</param>
    public AdaptiveLearner(DecisionPlan plan, DateTimeOffset at)
    {
        At = at.UtcDateTime;
        State = new AdaptiveState { Map = plan.MapId, At = At };
        foreach (var s in plan.Strategies)
        {
            if (s.Propensity is AdaptivePropensity adaptive)
            {
                var counts = adaptive.Model.Empty(s.Id);
                _byStrategy[s.Id] = (adaptive, s, counts);
                State.Instances[(adaptive.Model.ModelId, s.Id)] = counts;
            }
        }
    }

    /// <summary>The learning time (UTC): a contact whose response window has not closed by then is <see cref="InteractionOutcome.Open"/>.</summary>
    public DateTime At { get; }

    /// <summary>The states learned so far (one instance per (model, strategy), even with no interaction).</summary>
    public AdaptiveState State { get; }

    /// <summary>Contacts of learned strategies added so far that counted as positive.</summary>
    public long Positives { get; private set; }

    /// <summary>Contacts of learned strategies added so far that counted as negative.</summary>
    public long Negatives { get; private set; }

    /// <summary>Contacts of learned strategies added so far whose window was still open (not counted).</summary>
    public long Open { get; private set; }

    /// <summary>Whether contacts of <paramref name="strategyId"/> are learned from (its propensity is an adaptive model).</summary>
    public bool Learns(string strategyId) => _byStrategy.ContainsKey(strategyId);

    /// <summary>Every adaptive model's predictors that read a customer field, for callers that keep only those values.</summary>
    internal IEnumerable<AdaptivePredictor> FieldPredictors =>
        _byStrategy.Values.SelectMany(x => x.Propensity.Model.Predictors).Where(p => p.Source == PredictorSource.Field);

    /// <summary>
    /// Whether a contact of <paramref name="strategy"/> at <paramref name="contactAt"/> is positive,
    /// negative or still open, given the customer's responses.
    /// </summary>
    internal static InteractionOutcome Classify(
        AdaptiveModelPlan model, StrategyPlan strategy, DateTime contactAt, IEnumerable<LearnResponse> responses, DateTime at)
    {
        var end = Evaluation.Window.End(contactAt, model.Window);
        foreach (var r in responses)
        {
            var belongs = r.Strategy is not null ? r.Strategy == strategy.Id : r.Product == strategy.Product.Id;
            if (belongs && r.At >= contactAt && r.At <= end && r.At <= at && model.Positive.Contains(r.Kind))
            {
                return InteractionOutcome.Positive;
            }
        }

        return end < at ? InteractionOutcome.Negative : InteractionOutcome.Open;
    }

    /// <summary>
    /// Learns from one contact of <paramref name="strategyId"/> made at <paramref name="contactAt"/>
    /// to a customer whose snapshot as decided had <paramref name="values"/>, tier and stage.
    /// </summary>
    /// <returns>What the contact counted as; <see cref="InteractionOutcome.Open"/> (not counted) for a strategy not learned.</returns>
    internal InteractionOutcome Add(
        string strategyId, DateTime contactAt, ValueRow values, string? tier, string? stage, IEnumerable<LearnResponse> responses)
    {
        if (!_byStrategy.TryGetValue(strategyId, out var entry))
        {
            return InteractionOutcome.Open;
        }

        var model = entry.Propensity.Model;
        var outcome = Classify(model, entry.Strategy, Instant.Utc(contactAt), responses, At);
        if (outcome == InteractionOutcome.Open)
        {
            Open++;
            return outcome;
        }

        var positive = outcome == InteractionOutcome.Positive;
        var counts = entry.Counts;
        if (positive)
        {
            counts.Positives++;
            Positives++;
        }
        else
        {
            counts.Negatives++;
            Negatives++;
        }

        var one = positive ? new BinCount(1, 0) : new BinCount(0, 1);
        for (var i = 0; i < model.Predictors.Count; i++)
        {
            var predictor = model.Predictors[i];
            var bins = counts.Predictors[i];
            if (predictor.Kind != PredictorKind.Category)
            {
                bins.Fixed[predictor.FixedBin(values)] += one;
            }
            else if (predictor.Category(values, tier, stage) is { } value)
            {
                bins.Values[value] = bins.Values.GetValueOrDefault(value) + one;
            }
            else
            {
                bins.Fixed[AdaptivePredictor.NullBin] += one;
            }
        }

        return outcome;
    }
}
