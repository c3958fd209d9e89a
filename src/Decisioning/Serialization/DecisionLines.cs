using Decisioning.Model;
using System.Text.Json;
using Decisioning.Evaluation;
using Decisioning.Runtime;
using Decisioning.History;

namespace Decisioning.Serialization;

/// <summary>
/// A decision line (spec section 4) as history records: the decision itself and one offer per
/// action. The one reading of decision lines into the history, used by the engine's write queue,
/// by <c>evaluate --db</c> and by <c>history import --decisions</c> alike.
/// </summary>
internal static class DecisionLines
{
    /// <summary>
    /// Reads one line; false for a line that is not a decision (an error record, bad JSON, a
    /// missing id, map, version or time), which a caller counts and skips.
    /// </summary>
    public static bool TryRead(string line, string? snapshot, string role, out StoredDecision? decision, out IReadOnlyList<OfferEntry> offers)
    {
        decision = null;
        offers = [];
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("error", out _)
                || Text(root, "customerId") is not { } customer || Text(root, "map") is not { } map
                || Text(root, "version") is not { } version || Text(root, "at") is not { } atText
                || !Syntax.TryParseInstant(atText, out var at))
            {
                return false;
            }

            var hash = Text(root, "mapHash");
            var group = root.TryGetProperty("experiment", out var experiment) && experiment.ValueKind == JsonValueKind.Object
                ? Text(experiment, "group")
                : null;
            decision = new StoredDecision(customer, at, map, version, hash, line, snapshot, role);
            var list = new List<OfferEntry>();
            if (root.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array)
            {
                foreach (var action in actions.EnumerateArray())
                {
                    if (action.ValueKind != JsonValueKind.Object)
                    {
                        return false; // an action that is not an object: not a line the engine wrote
                    }

                    list.Add(new OfferEntry(customer, at, map, version, hash,
                        Integer(action, "rank") ?? list.Count + 1, Text(action, "strategy") ?? "", Text(action, "product") ?? "",
                        Text(action, "channel") ?? "", Integer(action, "wave") ?? 1, Number(action, "score"), Number(action, "propensity"),
                        group, role));
                }
            }

            offers = list;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // A string that is not text (an escaped lone UTF-16 surrogate): not a decision either.
            decision = null;
            offers = [];
            return false;
        }
    }

    /// <summary>
    /// A decision made by the engine as history records, from the decision itself rather than by
    /// reading its <paramref name="line"/> back: the same records <see cref="TryRead"/> gives for that
    /// line (<c>DecisionRecordsTests</c>), without parsing it again on the write path.
    /// </summary>
    internal static StoredDecision Records(Decision decision, ReadOnlyMemory<byte> line, string? snapshot, string role, out OfferEntry[] offers)
    {
        var at = Instant.Utc(decision.At);
        var group = decision.Experiment?.Group;
        offers = new OfferEntry[decision.Actions.Count];
        for (var i = 0; i < offers.Length; i++)
        {
            var a = decision.Actions[i];
            offers[i] = new OfferEntry(decision.CustomerId, at, decision.Map, decision.Version, decision.MapHash, a.Rank, a.Strategy, a.Product,
                a.Channel, a.Wave ?? 1, a.Score, a.Propensity, group, role);
        }

        return new StoredDecision(decision.CustomerId, at, decision.Map, decision.Version, decision.MapHash, line, snapshot, role);
    }

    /// <summary>As <see cref="Records(Decision, ReadOnlyMemory{byte}, string?, string, out OfferEntry[])"/>, for a decision still in its buffer.</summary>
    internal static StoredDecision Records(DecisionBuffer buffer, ReadOnlyMemory<byte> line, string role, out OfferEntry[] offers)
    {
        var plan = buffer.Plan;
        var customer = buffer.Customer.Id;
        var at = Instant.Utc(buffer.At);
        var group = plan.Experiment is null ? null : buffer.Group;
        offers = new OfferEntry[buffer.ActionCount];
        for (var i = 0; i < offers.Length; i++)
        {
            var a = buffer.Action(i);
            offers[i] = new OfferEntry(customer, at, plan.MapId, plan.Version, plan.MapHash, a.Rank, a.Strategy.Id, a.Strategy.Product.Id,
                a.Channel.Id, a.Wave > 0 ? a.Wave : 1, a.Score, a.Propensity, group, role);
        }

        return new StoredDecision(customer, at, plan.MapId, plan.Version, plan.MapHash, line, null, role);
    }

    /// <summary>The contacts that served offers make when offers are declared to be contacts.</summary>
    public static IEnumerable<ContactEntry> AsContacts(IEnumerable<OfferEntry> offers) =>
        offers.Where(o => o.Role == OfferRoles.Served)
            .Select(o => new ContactEntry(o.CustomerId, o.At, o.Channel, o.Strategy, o.Product, o.Wave, "sent"));

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Integer(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    // A number past double's range (1e400 reads as infinity) reads as 0, as a value of the wrong kind
    // does: an offer's score is written back as JSON (export), which has no infinity.
    private static double Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
            && double.IsFinite(number) ? number : 0;
}
