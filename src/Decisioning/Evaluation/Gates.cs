using System.Runtime.CompilerServices;
using Decisioning.Compilation;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>
/// The gates of spec section 3, step 2, for one customer at one time, in their order: the first
/// gate that fails is the strategy's reason code. The one implementation behind both
/// <see cref="Evaluator.Decide"/> (with an explain recorder, scripts rendered) and
/// <see cref="Evaluator.DecideInto"/> (no recorder, a script measured against <c>maxLength</c>
/// without rendering where <see cref="ScriptText"/> can, otherwise rendered when read), so the two
/// paths cannot drift apart.
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
    private readonly EvaluationRules _rules;
    private readonly IExplainRecorder? _explain;
    private readonly bool _renderScripts;
    private readonly byte[] _scenario, _eligible, _channel;
    private CustomerRecord _customer = null!;
    private Frame _frame = null!;
    private DateTime _at;
    private bool[] _inSegment = [];
    private ScriptFields? _fields;

    /// <param name="layout">The plan's layout (<see cref="GateLayout.For"/>), looked up once by the caller.</param>
    /// <param name="rules">The spec's rules (<see cref="EvaluationRules.Spec"/>) except in mutation tests.</param>
    /// <param name="explain">Told every gate of every strategy, when given.</param>
    /// <param name="renderScripts">
    /// Render the passing channel's script (and every tried one's, for the recorder); otherwise a
    /// script is rendered only when its length cannot be measured without it.
    /// </param>
    public Gates(GateLayout layout, EvaluationRules rules, IExplainRecorder? explain, bool renderScripts)
    {
        _layout = layout;
        _rules = rules;
        _explain = explain;
        _renderScripts = renderScripts || explain is not null;
        _scenario = new byte[_layout.ScenarioCount];
        _eligible = new byte[_layout.ProductCount];
        _channel = new byte[_layout.ChannelCount];
    }

    public GateLayout Layout => _layout;

    /// <summary>What scripts see as <c>customer</c> for the current customer, built on first use.</summary>
    public ScriptFields Fields => _fields ??= new ScriptFields(_layout.Plan, _customer);

    /// <summary>The strategy whose gates ran last in this decision (null before the first): named by a failure's error record.</summary>
    public StrategyPlan? Current { get; private set; }

    /// <summary>Starts a decision: the frame holds the customer's tier, stage and segments already.</summary>
    public void Reset(CustomerRecord customer, Frame frame, DateTime at, bool[] inSegment)
    {
        _customer = customer;
        _frame = frame;
        _at = at;
        _inSegment = inSegment;
        _fields = null;
        Current = null;
        Array.Clear(_scenario);
        Array.Clear(_eligible);
        Array.Clear(_channel);
    }

    /// <summary>The strategy as a candidate, or null with the reason code of the first gate it fails.</summary>
    public Candidate? Check(StrategyPlan s, out string? reason)
    {
        reason = Run(s, out var choice, out var script);
        if (reason is not null)
        {
            return null;
        }

        var propensity = s.Propensity.Evaluate(_customer, _frame.Tier, _frame.Stage);
        return new Candidate(s, choice!.Channel, script, Score(s, propensity), propensity);
    }

    /// <summary>
    /// Spec section 3, step 3: <c>propensity x value x weight x priority / 100</c>, evaluated left to
    /// right as written and never rounded.
    /// </summary>
    /// <exception cref="EvaluationFault">The propensity or the score is not a finite number (NaN or infinite).</exception>
    public static double Score(StrategyPlan s, double propensity)
    {
        var score = propensity * s.Product.Value * (s.Objective?.Weight ?? 1.0) * s.Priority / 100;
        return double.IsFinite(score) ? score : throw NotFinite(propensity, score);
    }

    /// <summary>The failure of a propensity or score that is not a finite number (the JSON writer refuses NaN and infinities).</summary>
    public static EvaluationFault NotFinite(double propensity, double score) => double.IsFinite(propensity)
        ? new EvaluationFault($"the score is not a finite number ({score.ToString(System.Globalization.CultureInfo.InvariantCulture)}); propensity x value x weight x priority / 100 overflowed")
        : new EvaluationFault($"the propensity is not a finite number ({propensity.ToString(System.Globalization.CultureInfo.InvariantCulture)})");

    /// <summary>
    /// The reason code of the first gate <paramref name="s"/> fails, or null when it passes, then with
    /// the channel chosen and its script (null when not rendered).
    /// </summary>
    public string? Run(StrategyPlan s, out ChannelChoice? choice, out string? script)
    {
        choice = null;
        script = null;
        Current = s;
        var at = _at;
        if (!Pass(s, "active", (s.ActiveFrom is not { } from || at >= from) && (s.ActiveTo is not { } to || at < to), null))
        {
            return ReasonCodes.Inactive;
        }

        if (!Pass(s, "target", Targeted(_layout.Target[s.Index]), null))
        {
            return ReasonCodes.NotTargeted;
        }

        if (!Pass(s, "scenario", s.Scenario is not { } scenario || ScenarioHolds(scenario, _layout.ScenarioSlot[s.Index]), s.Scenario?.When))
        {
            return ReasonCodes.Scenario;
        }

        if (!Pass(s, "when", s.When is null || s.When.Test(_frame), s.When))
        {
            return ReasonCodes.Condition;
        }

        if (!Pass(s, "product", Eligible(s.Product, _layout.ProductSlot[s.Index]), s.Product.Eligible))
        {
            return ReasonCodes.Ineligible;
        }

        if (!Pass(s, "held", s.Product.Repeatable || !_customer.Holds(s.Product.Id), null))
        {
            return ReasonCodes.AlreadyHeld;
        }

        if (!Pass(s, "cooldown", s.Cooldown is not { } cooldown || !ContactedFor(s.Id, cooldown), null))
        {
            return ReasonCodes.Cooldown;
        }

        var found = FirstChannel(s, out choice, out script);
        return Pass(s, "channel", found, null) ? null : ReasonCodes.NoChannel;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Pass(StrategyPlan s, string gate, bool passed, CompiledCondition? condition)
    {
        if (_explain is not null)
        {
            _explain.Gate(s, gate, passed, condition, _frame);
        }

        return passed;
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
        if (_scenario[slot] == Unknown)
        {
            _scenario[slot] = ScenarioCheck.Holds(scenario, _customer, _frame, _at) ? Holds : Fails;
        }

        return _scenario[slot] == Holds;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Eligible(ProductPlan product, int slot)
    {
        if (_eligible[slot] == Unknown)
        {
            _eligible[slot] = product.Eligible.Test(_frame) ? Holds : Fails;
        }

        return _eligible[slot] == Holds;
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

    private bool FirstChannel(StrategyPlan s, out ChannelChoice? chosen, out string? script)
    {
        var choices = _layout.Channels[s.Index];
        var slots = _layout.ChannelSlot[s.Index];
        for (var i = 0; i < choices.Length; i++)
        {
            var choice = choices[i];
            script = null;
            var failure = Open(choice.Channel, slots[i]) ?? Measure(s, choice, i, out script);
            _explain?.ChannelTried(s, choice.Channel, failure, script);
            if (failure is null)
            {
                chosen = choice;
                return true;
            }
        }

        chosen = null;
        script = null;
        return false;
    }

    // Reachable and under its contact policy: the channel's part of the gate (ChannelGate.Open), remembered.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private string? Open(ChannelPlan channel, int slot)
    {
        if (_channel[slot] == Unknown)
        {
            _channel[slot] = ChannelGate.Open(channel, _customer, _frame, _at, _rules.ContactPolicy) switch
            {
                null => Holds,
                ChannelGate.Unreachable => Fails,
                _ => Full,
            };
        }

        return _channel[slot] switch
        {
            Holds => null,
            Fails => ChannelGate.Unreachable,
            _ => ChannelGate.ContactPolicy,
        };
    }

    // The script part of the channel gate: within the channel's maxLength, in UTF-16 code units.
    private string? Measure(StrategyPlan s, ChannelChoice choice, int position, out string? script)
    {
        script = null;
        if (choice.Script is null)
        {
            return null;
        }

        var limit = choice.Channel.MaxLength;
        var text = _layout.Scripts[s.Index][position];
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

    /// <summary>The script of <paramref name="choice"/> (a channel of <paramref name="s"/>) for the current customer.</summary>
    public string? RenderScript(StrategyPlan s, ChannelChoice choice)
    {
        if (choice.Script is null)
        {
            return null;
        }

        Current = s;
        var choices = _layout.Channels[s.Index];
        var position = Array.IndexOf(choices, choice);
        return Render(s, choice, position >= 0 ? _layout.Scripts[s.Index][position] : null);
    }

    // Without Fluid where the script is text and plain string outputs (ScriptText), else with it.
    /// <summary>Whether the script of <paramref name="choice"/> (a channel of <paramref name="s"/>) goes through Fluid, and so may fail.</summary>
    public bool NeedsFluid(StrategyPlan s, ChannelChoice choice)
    {
        var position = Array.IndexOf(_layout.Channels[s.Index], choice);
        return choice.Script is not null && (position < 0 || _layout.Scripts[s.Index][position] is null);
    }

    private string Render(StrategyPlan s, ChannelChoice choice, ScriptText? text) =>
        text?.Render(_customer.Values)
        ?? choice.Script!.Render(Fields.Value, s.Product.ScriptValue, choice.Channel.ScriptValue, s.ScriptValue);
}
