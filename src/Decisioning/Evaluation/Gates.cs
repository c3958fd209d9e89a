using System.Runtime.CompilerServices;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>
/// The gates of spec section 3, step 2 (with sections 9 and 10's), for one customer at one time,
/// in their order: the first gate that fails is the strategy's reason code. The one implementation
/// of every gate: <see cref="Evaluator"/>'s decision pass runs it strategy by strategy, and batch
/// allocation asks it for the channel gate alone (<see cref="TryChannel"/>). With an explain
/// recorder every tried channel's script is rendered; otherwise a script is measured against
/// <c>maxLength</c> without rendering where <see cref="ScriptText"/> can, and rendered when read.
/// </summary>
/// <remarks>
/// A scenario, a product's <c>eligible</c> and a channel's <c>reachable</c> and contact policy
/// depend on the customer and the time only, never on the strategy, and many strategies share
/// them; each is worked out once per decision and remembered (the memos). Expressions are pure
/// (docs/expressions.md), so this changes no result, and the recorder still sees every gate of
/// every strategy. Reused across decisions by <see cref="Reset"/>; not thread-safe.
/// </remarks>
internal sealed class Gates
{
    // Memo states: 0 = not yet worked out in this decision.
    private const byte Unknown = 0, Holds = 1, Fails = 2, Full = 3;

    private readonly GateLayout _layout;
    private EvaluationRules _rules = EvaluationRules.Spec;
    private IExplainRecorder? _explain;
    private bool _renderScripts;
    // The memos of scenarios, products' eligible, holdings and channels, one after the other in one
    // array, so that a decision clears them with one call: per slot, at _eligibleAt + slot and so on.
    private readonly byte[] _memo;
    private readonly int _eligibleAt, _heldAt, _channelAt;
    private CustomerRecord _customer = null!;
    private Frame _frame = null!;
    private DateTime _at;
    private bool[] _inSegment = [];
    private ScriptFields? _fields;

    /// <param name="layout">The plan's layout (<see cref="GateLayout.For"/>), looked up once by the caller.</param>
    public Gates(GateLayout layout)
    {
        _layout = layout;
        _eligibleAt = _layout.ScenarioCount;
        _heldAt = _eligibleAt + _layout.ProductCount;
        _channelAt = _heldAt + _layout.ProductCount;
        _memo = new byte[_channelAt + _layout.ChannelCount];
    }

    public GateLayout Layout => _layout;

    /// <summary>
    /// After <see cref="Run"/>: the wave the strategy was decided as (0 for a strategy without waves),
    /// or, for <c>wave-pending</c>, the wave that is due.
    /// </summary>
    public int Wave { get; private set; }

    /// <summary>After <see cref="Run"/> of a strategy that passed: the position of its channel in its wave's list.</summary>
    public int Position { get; private set; }

    /// <summary>
    /// The index of the customer's lifecycle stage in the plan (-1 for none), set by the decision
    /// pass after the profile: lifecycle scenarios test it against their stages by index.
    /// </summary>
    public int StageIndex { get; set; } = -1;

    /// <summary>After <see cref="Run"/>: the suppression rule behind a <c>suppressed</c>, else null.</summary>
    public string? Rule { get; private set; }

    /// <summary>What scripts see as <c>customer</c> for the current customer, built on first use.</summary>
    public ScriptFields Fields => _fields ??= new ScriptFields(_layout.Plan, _customer);

    /// <summary>The strategy whose gates ran last in this decision (null before the first): named by a failure's error record.</summary>
    public StrategyPlan? Current { get; private set; }

    /// <summary>Starts a decision: the frame holds the customer's tier, stage and segments already.</summary>
    /// <remarks>
    /// The rules are the spec's (<see cref="EvaluationRules.Spec"/>) except in mutation tests. An
    /// explain recorder is told every gate of every strategy, and every tried channel's script is
    /// then rendered; so it is with <c>renderScripts</c>, otherwise a script is rendered only when
    /// its length cannot be measured without it, and later when it is read.
    /// </remarks>
    public void Reset(CustomerRecord customer, Frame frame, DateTime at, bool[] inSegment,
        EvaluationRules? rules = null, IExplainRecorder? explain = null, bool renderScripts = false)
    {
        _rules = rules ?? EvaluationRules.Spec;
        _explain = explain;
        _renderScripts = renderScripts || explain is not null;
        _customer = customer;
        _frame = frame;
        _at = at;
        _inSegment = inSegment;
        _fields = null;
        Current = null;
        StageIndex = -1;
        Array.Clear(_memo);
    }

    /// <summary>
    /// Spec section 3, step 3: <c>propensity x value x weight x priority / 100</c>, evaluated left to
    /// right as written and never rounded (the row holds the product's value, the objective's
    /// weight or 1, and the priority).
    /// </summary>
    /// <exception cref="EvaluationFault">The propensity or the score is not a finite number (NaN or infinite).</exception>
    public static double Score(in StrategyRow s, double propensity)
    {
        var score = propensity * s.Value * s.Weight * s.Priority / 100;
        return double.IsFinite(score) ? score : throw NotFinite(propensity, score);
    }

    /// <summary>The failure of a propensity or score that is not a finite number (the JSON writer refuses NaN and infinities).</summary>
    public static EvaluationFault NotFinite(double propensity, double score) => double.IsFinite(propensity)
        ? new EvaluationFault($"the score is not a finite number ({score.ToString(System.Globalization.CultureInfo.InvariantCulture)}); propensity x value x weight x priority / 100 overflowed")
        : new EvaluationFault($"the propensity is not a finite number ({propensity.ToString(System.Globalization.CultureInfo.InvariantCulture)})");

    /// <summary>
    /// The reason code of the first gate strategy <paramref name="index"/> fails, or null when it
    /// passes, then with the channel chosen and its script (null when not rendered).
    /// </summary>
    public string? Run(int index, out ChannelChoice? choice, out string? script)
    {
        choice = null;
        script = null;
        ref readonly var row = ref _layout.Rows[index];
        var s = row.Plan;
        Current = s;
        Wave = row.HasWaves ? 1 : 0;
        Rule = null;
        var at = _at;
        if (!Pass(s, "active", !row.HasWindow || ((s.ActiveFrom is not { } from || at >= from) && (s.ActiveTo is not { } to || at < to)), null))
        {
            return ReasonCodes.Inactive;
        }

        var targeted = Targeted(row.Target);
        if (!Pass(s, "target", targeted, null, _explain is null || targeted ? null : TargetDetail(s)))
        {
            return ReasonCodes.NotTargeted;
        }

        if (!Pass(s, "scenario", row.Scenario is not { } scenario || ScenarioHolds(scenario, row.ScenarioSlot), row.Scenario?.When,
                _explain is null ? null : EventDetail(row.Scenario)))
        {
            return ReasonCodes.Scenario;
        }

        if (!Pass(s, "when", row.When is not { } when || when.Test(_frame), row.When))
        {
            return ReasonCodes.Condition;
        }

        if (!Pass(s, "product", Eligible(row.Product, row.ProductSlot), row.Product.Eligible))
        {
            return ReasonCodes.Ineligible;
        }

        if (!Pass(s, "held", row.Repeatable || !Held(row.Product, row.ProductSlot), null))
        {
            return ReasonCodes.AlreadyHeld;
        }

        // Without responses only a `sent` rule can count anything; the recorder still hears every rule.
        if (_layout.Suppression.Length > 0 && (_customer.Responses.Length > 0 || _layout.SuppressionCountsSent || _explain is not null) &&
            Suppressed(s) is { } rule)
        {
            Rule = rule;
            return ReasonCodes.Suppressed;
        }

        var followUp = false;
        if (row.HasWaves)
        {
            if (WaveGates(s) is { } waveReason)
            {
                return waveReason;
            }

            followUp = Wave > 1;
        }

        // A follow-up wave is the cooldown's exception (spec section 9, step 3).
        if (!followUp && !Pass(s, "cooldown", row.Cooldown is not { } cooldown || !ContactedFor(s.Id, cooldown), null))
        {
            return ReasonCodes.Cooldown;
        }

        var found = FirstChannel(s, Wave > 1 ? _layout.WaveSteps[index][Wave - 1] : row.Channels, out choice, out script);
        return Pass(s, "channel", found, null) ? null : ReasonCodes.NoChannel;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Pass(StrategyPlan s, string gate, bool passed, CompiledCondition? condition, string? detail = null)
    {
        if (_explain is not null)
        {
            _explain.Gate(s, gate, passed, condition, _frame, detail);
        }

        return passed;
    }

    // Spec section 10: the first rule whose counted records reach atLeast and whose pause is not over.
    private string? Suppressed(StrategyPlan s)
    {
        var rules = _layout.Suppression;
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            var count = 0;
            var latest = DateTime.MinValue;
            if (rule.Count == SuppressionCount.Sent)
            {
                foreach (var c in _customer.Contacts)
                {
                    if (InWindow(c.At, rule.Within) && rule.Scope switch
                    {
                        SuppressionScope.Strategy => string.Equals(c.Strategy, s.Id),
                        SuppressionScope.Product => string.Equals(c.Product, s.Product.Id),
                        _ => true,
                    })
                    {
                        count++;
                        latest = c.At > latest ? c.At : latest;
                    }
                }
            }
            else
            {
                foreach (var r in _customer.Responses)
                {
                    if (string.Equals(r.Kind, rule.CountText) && InWindow(r.At, rule.Within) && rule.Scope switch
                    {
                        SuppressionScope.Strategy => BelongsTo(r, s),
                        SuppressionScope.Product => string.Equals(r.Product, s.Product.Id),
                        _ => true,
                    })
                    {
                        count++;
                        latest = r.At > latest ? r.At : latest;
                    }
                }
            }

            var suppressed = count >= rule.AtLeast && _at < Window.End(latest, rule.Pause);
            if (_explain is not null)
            {
                _explain.Gate(s, "suppression", !suppressed, null, _frame,
                    $"rule {rule.Id}: {count} {rule.CountText} record(s) counted (scope {rule.Scope.ToString().ToLowerInvariant()}, at least {rule.AtLeast})" +
                    (count > 0 ? $", latest {Instant.Format(latest)}, paused until {Instant.Format(Window.End(latest, rule.Pause))}" : ""));
            }

            if (suppressed)
            {
                return rule.Id;
            }
        }

        return null;
    }

    // (at - within, at], or any time up to at without a window.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool InWindow(DateTime when, TimeSpan? within) =>
        when <= _at && (within is not { } w || when > _at - w);

    /// <summary>Spec section 9: a response belongs to a strategy by its strategy id, or without one by its product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool BelongsTo(ResponseRecord r, StrategyPlan s) =>
        r.Strategy is { } strategy ? string.Equals(strategy, s.Id) : string.Equals(r.Product, s.Product.Id);

    /// <summary>
    /// Spec section 9, steps 1-4, for a strategy with waves: sets <see cref="Wave"/> to the wave it is
    /// decided as (or the wave pending), and returns <c>responded</c>, <c>wave-pending</c> or null.
    /// </summary>
    private string? WaveGates(StrategyPlan s)
    {
        // 1. L: the latest contact of S at or before at (ties: the higher wave).
        ContactRecord? last = null;
        foreach (var c in _customer.Contacts)
        {
            if (c.At <= _at && string.Equals(c.Strategy, s.Id) &&
                (last is null || c.At > last.At || (c.At == last.At && c.Wave > last.Wave)))
            {
                last = c;
            }
        }

        if (last is null)
        {
            return PassWave(s, 1, null);
        }

        // 2. The sequence starts at the latest wave-1 contact at or before L (L itself when wave 1;
        // L when the history holds no wave 1 before it); a stopping response since then ends it.
        var start = last.At;
        if (last.Wave != 1)
        {
            var first = DateTime.MinValue;
            foreach (var c in _customer.Contacts)
            {
                if (c.Wave == 1 && c.At <= last.At && c.At > first && string.Equals(c.Strategy, s.Id))
                {
                    first = c.At;
                }
            }

            start = first == DateTime.MinValue ? last.At : first;
        }

        ResponseRecord? stop = null;
        foreach (var r in _customer.Responses)
        {
            if (r.At >= start && r.At <= _at && BelongsTo(r, s) && StopsOn(s, r.Kind))
            {
                stop = r;
                break;
            }
        }

        var lastWave = s.Waves.Count;
        if (stop is not null)
        {
            // 4. The sequence ended: paused while the cooldown from L runs, then wave 1 again.
            var cooling = s.Cooldown is { } cooldown && _rules.Cooldown.Contains(last.At, _at, cooldown);
            if (!Pass(s, "responded", !cooling, null, _explain is null ? null :
                    $"{stop.Kind} response at {Instant.Format(stop.At)} ended the sequence started {Instant.Format(start)}" +
                    (cooling ? $"; paused until the cooldown from {Instant.Format(last.At)} has passed" : "; the cooldown has passed: a new sequence starts at wave 1")))
            {
                return ReasonCodes.Responded;
            }

            return PassWave(s, 1, null);
        }

        Pass(s, "responded", true, null, _explain is null ? null : $"no stopping response since {Instant.Format(start)}");
        if (last.Wave < lastWave)
        {
            // 3. Wave k+1 is due at L.at + after.
            var next = last.Wave + 1;
            var due = Window.End(last.At, s.Waves[next - 1].After);
            Wave = next;
            if (_at < due)
            {
                Pass(s, "wave", false, null, _explain is null ? null : $"wave {next} is due at {Instant.Format(due)} (wave {last.Wave} contact at {Instant.Format(last.At)})");
                return ReasonCodes.WavePending;
            }

            return PassWave(s, next, due);
        }

        // 4. After the last wave: the cooldown gate applies from L, then a new sequence at wave 1.
        return PassWave(s, 1, null);
    }

    private string? PassWave(StrategyPlan s, int wave, DateTime? due)
    {
        Wave = wave;
        Pass(s, "wave", true, null, _explain is null ? null :
            due is { } d ? $"wave {wave} (due since {Instant.Format(d)})" : $"wave {wave}");
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool StopsOn(StrategyPlan s, string kind)
    {
        var stopOn = s.StopOn;
        for (var i = 0; i < stopOn.Count; i++)
        {
            if (string.Equals(stopOn[i], kind))
            {
                return true;
            }
        }

        return false;
    }

    // For explain only: the segments a failed target requires against those the customer is in.
    private string? TargetDetail(StrategyPlan s) => _layout.Target[s.Index] is { } target
        ? $"requires one of: {string.Join(", ", target.Select(i => _layout.Plan.Segments[i].Id))}; the customer is in: {(_frame.Segments.Count == 0 ? "none" : string.Join(", ", _frame.Segments))}"
        : null;

    // For explain only: which event an event scenario matched, or which events it looked for.
    private string? EventDetail(ScenarioPlan? scenario)
    {
        if (scenario is not { Kind: ScenarioKind.Event })
        {
            return null;
        }

        var window = scenario.Within is { } within ? $"in [{Instant.Format(Window.Start(_at, within))}, {Instant.Format(_at)}]" : $"at or before {Instant.Format(_at)}";
        return ScenarioCheck.MatchingEvent(scenario, _customer, _frame, _at) is { } e
            ? $"matched {e.Type} at {Instant.Format(e.At)}" + (e.Payload is { } p && p.Layout.Fields.Count > 0 ? $", {Explanation.Describe(p)}" : "")
            : $"no {scenario.EventType} event {window}" + (scenario.When is null ? "" : " whose condition holds");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Targeted(int[]? target)
    {
        if (target is null)
        {
            return true;
        }

        foreach (var index in target)
        {
            if (_inSegment[index])
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ScenarioHolds(ScenarioPlan scenario, int slot)
    {
        ref var memo = ref _memo[slot];
        if (memo == Unknown)
        {
            memo = _layout.ScenarioChecks[slot].Holds(scenario, _customer, _frame, _at, StageIndex) ? Holds : Fails;
        }

        return memo == Holds;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Eligible(ProductPlan product, int slot)
    {
        ref var memo = ref _memo[_eligibleAt + slot];
        if (memo == Unknown)
        {
            memo = product.Eligible.Test(_frame) ? Holds : Fails;
        }

        return memo == Holds;
    }

    // Whether the customer holds the product: a set lookup, remembered for the strategies that share the product.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Held(ProductPlan product, int slot)
    {
        ref var memo = ref _memo[_heldAt + slot];
        if (memo == Unknown)
        {
            memo = _customer.Holds(product.Id) ? Holds : Fails;
        }

        return memo == Holds;
    }

    // A contact for this strategy in (at - cooldown, at] (the window is the spec's, except in mutation tests).
    private bool ContactedFor(string strategyId, TimeSpan cooldown)
    {
        foreach (var c in _customer.Contacts)
        {
            if (c.Strategy == strategyId && _rules.Cooldown.Contains(c.At, _at, cooldown))
            {
                return true;
            }
        }

        return false;
    }

    // The first channel of the wave's steps that passes the channel gate.
    private bool FirstChannel(StrategyPlan s, ChannelStep[] steps, out ChannelChoice? chosen, out string? script)
    {
        for (var i = 0; i < steps.Length; i++)
        {
            ref readonly var step = ref steps[i];
            var choice = step.Choice;
            script = null;
            var failure = Open(choice.Channel, step.Slot) ?? Measure(s, choice, step.Text, out script);
            _explain?.ChannelTried(s, choice.Channel, failure, script, failure is null ? null : ChannelDetail(choice.Channel, failure, script));
            if (failure is null)
            {
                chosen = choice;
                Position = i;
                return true;
            }
        }

        chosen = null;
        script = null;
        return false;
    }

    /// <summary>
    /// The channel gate alone, for the channel at <paramref name="position"/> of <paramref name="s"/>'s
    /// wave <paramref name="wave"/> (1 for a strategy without waves): why it fails, or null with its
    /// script (batch allocation falls back along every channel that passes).
    /// </summary>
    public string? TryChannel(StrategyPlan s, int wave, int position, out string? script)
    {
        Current = s;
        Wave = s.HasWaves ? Math.Max(wave, 1) : 0;
        var index = Wave > 1 ? Wave - 1 : 0;
        ref readonly var step = ref _layout.WaveSteps[s.Index][index][position];
        script = null;
        return Open(step.Choice.Channel, step.Slot) ?? Measure(s, step.Choice, step.Text, out script);
    }

    // For explain only: the numbers behind a channel's failure.
    private string? ChannelDetail(ChannelPlan channel, string failure, string? script) => failure switch
    {
        ChannelGate.ContactPolicy =>
            $"{ChannelGate.ContactsOn(_customer, channel.Id, channel.Per!.Value, _at, _rules.ContactPolicy)} of max {channel.MaxContacts} contacts in the last {Explanation.Duration(channel.Per!.Value)}",
        ChannelGate.TooLong => $"script of {script?.Length} characters, max {channel.MaxLength}",
        ChannelGate.Unreachable => $"not reachable: {channel.Reachable.Text}",
        _ => null,
    };

    // Reachable and under its contact policy: the channel's part of the gate (ChannelGate.Open), remembered.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private string? Open(ChannelPlan channel, int slot)
    {
        ref var memo = ref _memo[_channelAt + slot];
        if (memo == Unknown)
        {
            memo = ChannelGate.Open(channel, _customer, _frame, _at, _rules.ContactPolicy) switch
            {
                null => Holds,
                ChannelGate.Unreachable => Fails,
                _ => Full,
            };
        }

        return memo switch
        {
            Holds => null,
            Fails => ChannelGate.Unreachable,
            _ => ChannelGate.ContactPolicy,
        };
    }

    // The script part of the channel gate: within the channel's maxLength, in UTF-16 code units.
    private string? Measure(StrategyPlan s, ChannelChoice choice, ScriptText? text, out string? script)
    {
        script = null;
        if (choice.Script is null)
        {
            return null;
        }

        var limit = choice.Channel.MaxLength;
        if (!_renderScripts)
        {
            if (limit is null)
            {
                return null; // rendered when read
            }

            if (text is not null)
            {
                return text.Measure(_customer.Values) > limit ? ChannelGate.TooLong : null;
            }
        }

        script = Render(s, choice, text);
        return script.Length > limit ? ChannelGate.TooLong : null;
    }

    /// <summary>
    /// The script of <paramref name="choice"/>, the channel at <paramref name="position"/> of
    /// <paramref name="s"/>'s wave <paramref name="wave"/> (0 or 1 is wave 1), for the current customer.
    /// </summary>
    public string? RenderScript(StrategyPlan s, ChannelChoice choice, int position, int wave = 1)
    {
        if (choice.Script is null)
        {
            return null;
        }

        Current = s;
        return Render(s, choice, _layout.WaveSteps[s.Index][wave > 1 ? wave - 1 : 0][position].Text);
    }

    // Without Fluid where the script is text and plain string outputs (ScriptText), else with it.
    /// <summary>Whether the script of <paramref name="choice"/> (at <paramref name="position"/> of <paramref name="s"/>'s wave) goes through Fluid, and so may fail.</summary>
    public bool NeedsFluid(StrategyPlan s, ChannelChoice choice, int position, int wave = 1) =>
        choice.Script is not null && _layout.WaveSteps[s.Index][wave > 1 ? wave - 1 : 0][position].Text is null;

    private string Render(StrategyPlan s, ChannelChoice choice, ScriptText? text) =>
        text?.Render(_customer.Values)
        ?? choice.Script!.Render(Fields.Value, s.Product.ScriptValue, choice.Channel.ScriptValue, s.ScriptValue);
}
