using Decisioning.Adaptive;
using Decisioning.Plan;

namespace Decisioning.History;

/// <summary>
/// Learning from an interaction history (<c>decisioning learn --db</c>, and a host's online
/// learning): the interactions of an instance are the history's contacts of its strategy, their
/// bins the predictor values stored with the served offer each contact delivered (the latest offer
/// of the same customer and strategy at or before the contact), and the responses the history's.
/// The same rules as learning from files (<see cref="AdaptiveLearner"/>), so the same records give
/// the same state.
/// </summary>
/// <remarks>
/// Reads the store three times, in the order recorded: contacts, then served offers and responses of
/// the customers contacted. Memory holds those customers' contacts, offers of learned strategies and
/// responses, never decisions or snapshots.
/// </remarks>
internal static class HistoryLearning
{
    private readonly record struct Contact(DateTime At, string Strategy);

    private readonly record struct Offer(DateTime At, string Strategy, string? Predictors);

    /// <summary>Learns the states of <paramref name="plan"/>'s adaptive models at <paramref name="at"/> from <paramref name="history"/>.</summary>
    /// <returns>
    /// The states (one instance per (model, strategy), even with no interaction) and what was read;
    /// <see cref="LearnSummary.WithoutSnapshot"/> counts contacts with no served offer holding
    /// predictor values (made by another map, or imported from files), which are not learned.
    /// </returns>
    public static (AdaptiveState State, LearnSummary Summary) Learn(DecisionPlan plan, IInteractionHistory history, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(history);
        var learner = new AdaptiveLearner(plan, at);
        var models = plan.Strategies.Where(s => s.Propensity is AdaptivePropensity)
            .ToDictionary(s => s.Id, s => ((AdaptivePropensity)s.Propensity).Model, StringComparer.Ordinal);
        // Strategy ids interned to the plan's own strings: millions of records name a handful of strategies.
        var strategyIds = models.Keys.ToDictionary(k => k, k => k, StringComparer.Ordinal);

        var contacts = new Dictionary<string, List<Contact>>(StringComparer.Ordinal);
        long contactCount = 0;
        foreach (var c in history.Contacts(HistoryQuery.All))
        {
            if (c.Strategy is not null && strategyIds.TryGetValue(c.Strategy, out var strategy))
            {
                Add(contacts, c.CustomerId, new Contact(c.At, strategy));
                contactCount++;
            }
        }

        var offers = new Dictionary<string, List<Offer>>(StringComparer.Ordinal);
        foreach (var o in history.Offers(HistoryQuery.All))
        {
            if (o.Role == OfferRoles.Served && strategyIds.TryGetValue(o.Strategy, out var strategy) && contacts.ContainsKey(o.CustomerId))
            {
                Add(offers, o.CustomerId, new Offer(o.At, strategy, o.Predictors));
            }
        }

        var responses = new Dictionary<string, List<LearnResponse>>(StringComparer.Ordinal);
        long responseCount = 0;
        foreach (var r in history.Responses(HistoryQuery.All))
        {
            responseCount++;
            if (contacts.ContainsKey(r.CustomerId))
            {
                Add(responses, r.CustomerId, new LearnResponse(r.At, r.Strategy, r.Product, r.Kind));
            }
        }

        long withoutValues = 0, invalid = 0;
        foreach (var (customer, mine) in contacts)
        {
            var theirOffers = offers.GetValueOrDefault(customer);
            var theirResponses = responses.GetValueOrDefault(customer) ?? [];
            foreach (var c in mine)
            {
                if (Delivered(theirOffers, c) is not { } predictors)
                {
                    withoutValues++;
                    continue;
                }

                if (PredictorValues.Read(plan, models[c.Strategy], predictors) is not { } values)
                {
                    invalid++;
                    continue;
                }

                learner.Add(c.Strategy, c.At, values.Values, values.Tier, values.Stage, theirResponses);
            }
        }

        return (learner.State, new LearnSummary
        {
            Contacts = contactCount,
            Positives = learner.Positives,
            Negatives = learner.Negatives,
            Open = learner.Open,
            WithoutSnapshot = withoutValues,
            InvalidSnapshots = invalid,
            Responses = responseCount,
        });
    }

    // The predictor values of the offer a contact delivered: the latest served offer of its strategy at or before it.
    private static string? Delivered(List<Offer>? offers, Contact contact)
    {
        if (offers is null)
        {
            return null;
        }

        Offer? best = null;
        foreach (var o in offers)
        {
            if (o.Strategy == contact.Strategy && o.At <= contact.At && (best is null || o.At >= best.Value.At))
            {
                best = o;
            }
        }

        return best?.Predictors;
    }

    private static void Add<T>(Dictionary<string, List<T>> byCustomer, string customer, T item)
    {
        if (!byCustomer.TryGetValue(customer, out var list))
        {
            byCustomer[customer] = list = [];
        }

        list.Add(item);
    }
}
