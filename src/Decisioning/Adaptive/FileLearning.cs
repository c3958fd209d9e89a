using Decisioning.Model;
using System.Text;
using System.Text.Json;
using Decisioning.Plan;
using Decisioning.Snapshots;

namespace Decisioning.Adaptive;

/// <summary>What a learning run read and counted (printed by <c>decisioning learn</c>).</summary>
public sealed record LearnSummary
{
    /// <summary>Decision lines read.</summary>
    public long Decisions { get; init; }

    /// <summary>Contacts of adaptive strategies found in the decisions (their returned actions).</summary>
    public long Contacts { get; init; }

    /// <summary>Contacts learned as positive (<see cref="InteractionOutcome.Positive"/>).</summary>
    public long Positives { get; init; }

    /// <summary>Contacts learned as negative (<see cref="InteractionOutcome.Negative"/>).</summary>
    public long Negatives { get; init; }

    /// <summary>Contacts whose window is still open at the learning time: not counted (<see cref="InteractionOutcome.Open"/>).</summary>
    public long Open { get; init; }

    /// <summary>Contacts of a learned strategy whose customer has no line in the snapshots file.</summary>
    public long WithoutSnapshot { get; init; }

    /// <summary>Snapshot lines that are invalid for the map (their customers' contacts are not learned).</summary>
    public long InvalidSnapshots { get; init; }

    /// <summary>Outcome lines read as responses.</summary>
    public long Responses { get; init; }

    /// <summary>Lines of any input that are not JSON objects of the expected shape.</summary>
    public long BadLines { get; init; }
}

/// <summary>
/// Learning from files (<c>decisioning learn MAP --decisions F --snapshots F --outcomes F --at ISO</c>):
/// each entry of a decision's <c>actions</c> is a contact made at the decision's <c>at</c> (a
/// counterfactual never is), its customer's snapshot is the first snapshot line with the same id,
/// its tier and stage are the decision's, and the outcome lines are the responses.
/// </summary>
/// <remarks>
/// Memory holds the responses and the contacts of learned strategies, never the snapshots: those
/// are read as a stream and each customer's contacts are learned when their line comes.
/// </remarks>
public static class FileLearning
{
    private readonly record struct Contact(DateTime At, string Strategy, string? Tier, string? Stage);

    /// <summary>
    /// Learns the adaptive models of <paramref name="plan"/> from decision, snapshot and outcome
    /// lines (JSON lines) at <paramref name="at"/> (UTC); bad lines are counted, never thrown.
    /// </summary>
    public static (AdaptiveState State, LearnSummary Summary) Learn(
        DecisionPlan plan, IEnumerable<string> decisions, IEnumerable<string> snapshots, IEnumerable<string> outcomes, DateTime at)
    {
        var learner = new AdaptiveLearner(plan, at);
        long bad = 0, responsesRead = 0, decisionCount = 0, contactCount = 0;
        var responses = new Dictionary<string, List<LearnResponse>>(StringComparer.Ordinal);
        foreach (var line in Lines(outcomes))
        {
            if (ReadResponse(line) is not { } r)
            {
                bad++;
                continue;
            }

            responsesRead++;
            if (!responses.TryGetValue(r.Customer, out var list))
            {
                responses[r.Customer] = list = [];
            }

            list.Add(r.Response);
        }

        var contacts = new Dictionary<string, List<Contact>>(StringComparer.Ordinal);
        foreach (var line in Lines(decisions))
        {
            if (!ReadDecision(line, learner, contacts, ref contactCount))
            {
                bad++;
                continue;
            }

            decisionCount++;
        }

        long invalid = 0;
        var reader = new SnapshotReader(plan);
        var idField = Encoding.UTF8.GetBytes(plan.IdField);
        foreach (var line in Lines(snapshots))
        {
            var utf8 = Encoding.UTF8.GetBytes(line);
            if (SnapshotId(utf8, idField) is not { } id)
            {
                bad++;
                continue;
            }

            if (!contacts.Remove(id, out var mine))
            {
                continue; // no contact to learn, or a later line of a customer already learned
            }

            var (customer, error) = reader.Read(utf8);
            if (customer is null || error is not null)
            {
                invalid++;
                continue;
            }

            var theirs = responses.GetValueOrDefault(id) ?? [];
            foreach (var c in mine)
            {
                learner.Add(c.Strategy, c.At, customer.Values, c.Tier, c.Stage, theirs);
            }
        }

        return (learner.State, new LearnSummary
        {
            Decisions = decisionCount,
            Contacts = contactCount,
            Positives = learner.Positives,
            Negatives = learner.Negatives,
            Open = learner.Open,
            WithoutSnapshot = contacts.Values.Sum(c => (long)c.Count),
            InvalidSnapshots = invalid,
            Responses = responsesRead,
            BadLines = bad,
        });
    }

    private static IEnumerable<string> Lines(IEnumerable<string> lines) => lines.Where(line => !string.IsNullOrWhiteSpace(line));

    private static (string Customer, LearnResponse Response)? ReadResponse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object || Text(o, "customerId") is not { } customer || Text(o, "kind") is not { } kind ||
                Text(o, "at") is not { } atText || !Syntax.TryParseInstant(atText, out var at))
            {
                return null;
            }

            return (customer, new LearnResponse(at, Text(o, "strategy"), Text(o, "product"), kind));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not text (an escaped lone UTF-16 surrogate), a bad line too.
            return null;
        }
    }

    // A decision line: its actions of learned strategies become contacts; an error record is no decision.
    private static bool ReadDecision(string line, AdaptiveLearner learner, Dictionary<string, List<Contact>> contacts, ref long count)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object || Text(o, "customerId") is not { } customer ||
                Text(o, "at") is not { } atText || !Syntax.TryParseInstant(atText, out var at) ||
                !o.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var tier = Text(o, "tier");
            var stage = Text(o, "stage");
            foreach (var action in actions.EnumerateArray())
            {
                if (action.ValueKind == JsonValueKind.Object && Text(action, "strategy") is { } strategy && learner.Learns(strategy))
                {
                    if (!contacts.TryGetValue(customer, out var list))
                    {
                        contacts[customer] = list = [];
                    }

                    list.Add(new Contact(at, strategy, tier, stage));
                    count++;
                }
            }

            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not text (an escaped lone UTF-16 surrogate), a bad line too.
            return false;
        }
    }

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // The customer id of a snapshot line, read without building the record.
    private static string? SnapshotId(byte[] utf8, byte[] idField)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals(idField);
                reader.Read();
                if (isId)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: an id that is not text (an escaped lone UTF-16 surrogate), a bad line too.
            return null;
        }
    }
}
