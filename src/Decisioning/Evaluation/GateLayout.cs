using System.Runtime.CompilerServices;
using System.Text.Json;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>
/// What the gates walk for one plan, computed once per plan: the plan's lists as arrays (an
/// indexer through <see cref="IReadOnlyList{T}"/> is an interface call, and the gates run about
/// sixty times per decision), and for each strategy the slots of its scenario, product and
/// channels in the per-decision memos of <see cref="Gates"/>. Immutable, shared per plan.
/// </summary>
internal sealed class GateLayout
{
    private static readonly ConditionalWeakTable<DecisionPlan, GateLayout> PerPlan = new();

    private GateLayout(DecisionPlan plan)
    {
        Plan = plan;
        Scripts = ScriptText.For(plan);
        Tiers = [.. plan.Tiers];
        Stages = [.. plan.Stages];
        Segments = [.. plan.Segments];
        Strategies = [.. plan.Strategies];
        PlainTrace = new SharedTraceEntries(Strategies.Length);

        // Slots by reference: strategies share the compiled scenario, product and channel objects.
        var scenarios = new Dictionary<ScenarioPlan, int>(ReferenceEqualityComparer.Instance);
        var products = new Dictionary<ProductPlan, int>(ReferenceEqualityComparer.Instance);
        var channels = new Dictionary<ChannelPlan, int>(ReferenceEqualityComparer.Instance);
        foreach (var product in plan.Products)
        {
            products.TryAdd(product, products.Count);
        }

        foreach (var channel in plan.Channels)
        {
            channels.TryAdd(channel, channels.Count);
        }

        ScenarioSlot = new int[Strategies.Length];
        ProductSlot = new int[Strategies.Length];
        Target = new int[]?[Strategies.Length];
        Channels = new ChannelChoice[Strategies.Length][];
        ChannelSlot = new int[Strategies.Length][];
        foreach (var s in Strategies)
        {
            ScenarioSlot[s.Index] = s.Scenario is { } scenario ? Slot(scenarios, scenario) : -1;
            ProductSlot[s.Index] = Slot(products, s.Product);
            Target[s.Index] = s.Target is { } target ? [.. target] : null;
            Channels[s.Index] = [.. s.Channels];
            ChannelSlot[s.Index] = [.. s.Channels.Select(c => Slot(channels, c.Channel))];
        }

        // Per wave (wave 1 = the arrays above): a strategy without waves has wave 1 only.
        WaveChannels = new ChannelChoice[Strategies.Length][][];
        WaveSteps = new ChannelStep[Strategies.Length][][];
        foreach (var s in Strategies)
        {
            var waves = s.Waves.Count > 1 ? s.Waves.Count : 1;
            WaveChannels[s.Index] = new ChannelChoice[waves][];
            WaveSteps[s.Index] = new ChannelStep[waves][];
            WaveChannels[s.Index][0] = Channels[s.Index];
            WaveSteps[s.Index][0] = [.. Channels[s.Index].Select((c, i) => new ChannelStep(c, ChannelSlot[s.Index][i], Scripts[s.Index][i]))];
            for (var w = 1; w < waves; w++)
            {
                var choices = s.Waves[w].Channels;
                WaveChannels[s.Index][w] = [.. choices];
                WaveSteps[s.Index][w] = [.. choices.Select(c => new ChannelStep(c, Slot(channels, c.Channel), ScriptText.Analyse(plan, s, c)))];
            }
        }

        Rows = [.. Strategies.Select(s => new StrategyRow(s, ScenarioSlot[s.Index], ProductSlot[s.Index], WaveSteps[s.Index][0], plan.Arbitration.Fallback))];

        Suppression = [.. plan.Suppression];
        SuppressionCountsSent = Suppression.Any(r => r.Count == SuppressionCount.Sent);
        EncodedRuleIds = Suppression.ToDictionary(r => r.Id, r => JsonConventions.Encode(r.Id), StringComparer.Ordinal);

        EncodedStrategyIds = [.. Strategies.Select(s => JsonConventions.Encode(s.Id))];
        Targets = new TargetIndex(Strategies, Segments.Length);
        ScenarioCount = scenarios.Count;
        ScenarioChecks = new ScenarioCheck[scenarios.Count];
        foreach (var (scenario, slot) in scenarios)
        {
            ScenarioChecks[slot] = new ScenarioCheck(scenario, Stages);
        }

        ProductCount = products.Count;
        ChannelCount = channels.Count;
    }

    public DecisionPlan Plan { get; }

    /// <summary>Per strategy and channel choice (by position), the script written without Fluid, or null.</summary>
    public ScriptText?[][] Scripts { get; }

    public NamedRule[] Tiers { get; }

    public NamedRule[] Stages { get; }

    public SegmentPlan[] Segments { get; }

    /// <summary>The plan's strategies; a strategy's <see cref="StrategyPlan.Index"/> is its position.</summary>
    public StrategyPlan[] Strategies { get; }

    /// <summary>Per strategy, its scenario's memo slot, or -1 when it has none.</summary>
    public int[] ScenarioSlot { get; }

    /// <summary>The plan's plain trace entries, shared by the decisions (see there).</summary>
    public SharedTraceEntries PlainTrace { get; }

    public int[] ProductSlot { get; }

    /// <summary>Per strategy, the segment indexes it targets, or null for everyone.</summary>
    public int[]?[] Target { get; }

    public ChannelChoice[][] Channels { get; }

    /// <summary>Per strategy and channel choice (by position), the channel's memo slot.</summary>
    public int[][] ChannelSlot { get; }

    /// <summary>Per strategy and wave (index 0 = wave 1), the channel choices in preference order.</summary>
    public ChannelChoice[][][] WaveChannels { get; }

    /// <summary>
    /// Per strategy and wave (index 0 = wave 1), what the channel gate reads of each choice in
    /// preference order: one array walked by the gate rather than three looked up side by side.
    /// </summary>
    public ChannelStep[][][] WaveSteps { get; }

    /// <summary>Per strategy (by index), what its gates and its score read, side by side.</summary>
    public StrategyRow[] Rows { get; }

    /// <summary>The plan's suppression rules, in file order.</summary>
    public SuppressionPlan[] Suppression { get; }

    /// <summary>
    /// Whether a suppression rule counts contacts (<c>count: sent</c>); without one, a customer with no
    /// responses cannot be suppressed (every rule needs at least one record), and the gate is skipped.
    /// </summary>
    public bool SuppressionCountsSent { get; }

    /// <summary>The suppression rules' ids as a trace line writes them, encoded once.</summary>
    public IReadOnlyDictionary<string, JsonEncodedText> EncodedRuleIds { get; }

    /// <summary>The strategies' ids as the decision line writes them, encoded once (every line's trace names them all).</summary>
    public JsonEncodedText[] EncodedStrategyIds { get; }

    /// <summary>Which strategies a decision runs, by the customer's segments.</summary>
    public TargetIndex Targets { get; }

    public int ScenarioCount { get; }

    /// <summary>Per scenario memo slot, its gate laid out for the plan.</summary>
    public ScenarioCheck[] ScenarioChecks { get; }

    public int ProductCount { get; }

    public int ChannelCount { get; }

    public static GateLayout For(DecisionPlan plan) => PerPlan.GetValue(plan, p => new GateLayout(p));

    private static int Slot<T>(Dictionary<T, int> slots, T item)
        where T : notnull
    {
        if (!slots.TryGetValue(item, out var slot))
        {
            slot = slots.Count;
            slots.Add(item, slot);
        }

        return slot;
    }
}

/// <summary>One channel choice of a strategy's wave as the channel gate reads it: the choice, its channel's memo slot, its script written without Fluid (or null).</summary>
internal readonly record struct ChannelStep(ChannelChoice Choice, int Slot, ScriptText? Text);

/// <summary>
/// What the gates and the score read of one strategy, copied out of its plan once per plan into
/// one array (<see cref="GateLayout.Rows"/>): a decision reads a strategy's row where it would
/// otherwise follow its plan to the waves list, the product, the objective, the propensity and
/// the target list, objects spread over the heap that the customers decided in between push out of
/// the processor's caches. The row holds the same values, so every gate and score is unchanged.
/// </summary>
internal readonly struct StrategyRow
{
    public StrategyRow(StrategyPlan s, int scenarioSlot, int productSlot, ChannelStep[] channels, int fallback)
    {
        Plan = s;
        When = s.When;
        Scenario = s.Scenario;
        Product = s.Product;
        Target = s.Target is { } target ? [.. target] : null;
        Channels = channels;
        Propensity = s.Propensity;
        Cooldown = s.Cooldown;
        Value = s.Product.Value;
        Weight = s.Objective?.Weight ?? 1.0;
        Priority = s.Priority;
        Constant = s.Propensity is ConstantPropensity c ? c.Value : null;
        ScenarioSlot = scenarioSlot;
        ProductSlot = productSlot;
        HasWindow = s.ActiveFrom is not null || s.ActiveTo is not null;
        HasWaves = s.HasWaves;
        Repeatable = s.Product.Repeatable;
        IsFallback = s.Index == fallback;
    }

    public StrategyPlan Plan { get; }

    public CompiledCondition? When { get; }

    public ScenarioPlan? Scenario { get; }

    public ProductPlan Product { get; }

    /// <summary>The segment indexes the strategy targets, or null for everyone.</summary>
    public int[]? Target { get; }

    /// <summary>Wave 1's channel steps (<see cref="GateLayout.WaveSteps"/>).</summary>
    public ChannelStep[] Channels { get; }

    public PropensityPlan Propensity { get; }

    public TimeSpan? Cooldown { get; }

    /// <summary>The score's factors: the product's value, the objective's weight (1 without one), the priority.</summary>
    public double Value { get; }

    public double Weight { get; }

    public double Priority { get; }

    /// <summary>The propensity when it is a constant (no model to call), else null.</summary>
    public double? Constant { get; }

    public int ScenarioSlot { get; }

    public int ProductSlot { get; }

    /// <summary>Whether the strategy has an <c>active</c> window (its gate reads the plan's dates).</summary>
    public bool HasWindow { get; }

    public bool HasWaves { get; }

    public bool Repeatable { get; }

    /// <summary>Whether the strategy is the arbitration fallback.</summary>
    public bool IsFallback { get; }
}
