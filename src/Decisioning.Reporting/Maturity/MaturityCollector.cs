using Decisioning.Reporting.Board;
using Decisioning.Reporting.Input;

namespace Decisioning.Reporting.Maturity;

/// <summary>A trace line that names an adaptive model: the instance decided with, when, and its evidence.</summary>
internal readonly record struct ScoredLine(int Instance, int Version, long Ticks, long Evidence);

/// <summary>An action of a strategy whose propensity is adaptive: a contact, and whether a positive outcome followed it.</summary>
internal struct AdaptiveContact
{
    public int Instance;
    public int Version;
    public int Product;

    /// <summary>The customer's previous adaptive contact, or -1.</summary>
    public int Next;

    public long Ticks;

    /// <summary>The propensity the action carried; NaN when it carried none.</summary>
    public double Propensity;

    public bool Positive;
}

/// <summary>
/// Collects what the decision log says about adaptive models: every trace line naming a model (the
/// instance, its evidence, the learned-state version: the trace's <c>state</c>, else the decision's
/// <c>mapHash</c>, since a map's own state files are in its hash) and every action of such a strategy
/// with its propensity. The outcomes then mark the contacts that a positive response followed, by
/// <c>learn</c>'s rule: an outcome of kind responded or converted that belongs to the strategy (its
/// <c>strategy</c>, or with none its <c>product</c>) within <c>[contact, contact + window]</c>.
/// Decisions without an adaptive model cost one scan of their trace and nothing kept. Not thread-safe.
/// </summary>
internal sealed class MaturityCollector(AttributionWindow window)
{
    private readonly Dictionary<(string Model, string Strategy), int> instanceIndex = [];
    private readonly List<(string Model, string Strategy)> instances = [];
    private readonly IdCatalog versions = new();
    private readonly List<string> sources = [];
    private readonly IdCatalog products = new();
    private readonly Dictionary<string, int> lastContact = new(StringComparer.Ordinal);
    private readonly List<ScoredLine> scored = [];
    private readonly List<AdaptiveContact> contacts = [];
    private readonly List<int> decisionInstances = [];
    private readonly long windowTicks = window.Length.Ticks;

    public IReadOnlyList<(string Model, string Strategy)> Instances => instances;

    public IReadOnlyList<ScoredLine> Scored => scored;

    public IReadOnlyList<AdaptiveContact> Contacts => contacts;

    /// <summary>The version key (a state's or a map's hash) and its source, <c>state</c> or <c>map</c>.</summary>
    public (string Key, string Source) Version(int index) => (versions.Ids[index], sources[index]);

    /// <summary>UTC ticks of the latest decision or outcome read: contacts whose window closed before it are negatives.</summary>
    public long Latest { get; private set; } = long.MinValue;

    /// <summary>A decision read without its details (it names no model): only its time counts, for <see cref="Latest"/>.</summary>
    public void AddTime(DecisionLine decision)
    {
        if (decision.Kind == DecisionLineKind.Decision)
        {
            Latest = Math.Max(Latest, decision.At.UtcTicks);
        }
    }

    public void AddDecision(DecisionLine decision, DecisionDetails details)
    {
        AddTime(decision);
        if (decision.Kind != DecisionLineKind.Decision)
        {
            return;
        }

        var ticks = decision.At.UtcTicks;
        decisionInstances.Clear();
        foreach (var item in details.Trace)
        {
            if (item.Model is not { } model)
            {
                continue;
            }

            var instance = Instance(model, item.Strategy);
            var version = item.State is { } state ? VersionOf(state, "state") : details.MapHash is { } hash ? VersionOf(hash, "map") : -1;
            scored.Add(new ScoredLine(instance, version, ticks, item.Evidence ?? 0));
            decisionInstances.Add(instance);
            decisionInstances.Add(version);
        }

        if (decisionInstances.Count == 0)
        {
            return;
        }

        foreach (var action in details.Actions)
        {
            var at = FindInstance(action.Strategy);
            if (at < 0)
            {
                continue;
            }

            ref var last = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(lastContact, decision.CustomerId!, out var known);
            contacts.Add(new AdaptiveContact
            {
                Instance = decisionInstances[at],
                Version = decisionInstances[at + 1],
                Product = products.Intern(action.Product),
                Next = known ? last : -1,
                Ticks = ticks,
                Propensity = action.Propensity ?? double.NaN,
            });
            last = contacts.Count - 1;
        }
    }

    public void AddOutcome(OutcomeLine outcome)
    {
        var ticks = outcome.At.UtcTicks;
        Latest = Math.Max(Latest, ticks);
        if (outcome.Kind == OutcomeKind.Declined || !lastContact.TryGetValue(outcome.CustomerId, out var index))
        {
            return;
        }

        var product = products.Find(outcome.Product);
        for (; index >= 0; index = contacts[index].Next)
        {
            var contact = contacts[index];
            var belongs = outcome.Strategy is not null
                ? string.Equals(instances[contact.Instance].Strategy, outcome.Strategy, StringComparison.Ordinal)
                : product >= 0 && contact.Product == product;
            if (belongs && !contact.Positive && ticks >= contact.Ticks && ticks - contact.Ticks <= windowTicks)
            {
                contact.Positive = true;
                contacts[index] = contact;
            }
        }
    }

    /// <summary>Whether the contact's window closed before the latest time read (so no positive can still come).</summary>
    public bool Closed(in AdaptiveContact contact) => contact.Ticks + windowTicks < Latest;

    private int Instance(string model, string strategy)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(instanceIndex, (model, strategy), out var exists);
        if (!exists)
        {
            slot = instances.Count;
            instances.Add((model, strategy));
        }

        return slot;
    }

    private int VersionOf(string key, string source)
    {
        var index = versions.Intern(key);
        if (index == sources.Count)
        {
            sources.Add(source);
        }

        return index;
    }

    /// <summary>The offset in <see cref="decisionInstances"/> of the strategy's instance in this decision, or -1.</summary>
    private int FindInstance(string strategy)
    {
        for (var i = 0; i < decisionInstances.Count; i += 2)
        {
            if (string.Equals(instances[decisionInstances[i]].Strategy, strategy, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
