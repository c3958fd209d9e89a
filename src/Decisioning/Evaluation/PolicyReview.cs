using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>
/// The candidates of one decision as the <see cref="IDecisionPolicy"/> instances see them, and the
/// verdicts they leave. Verdicts are applied after every policy has reviewed: the first veto of a
/// candidate wins (its rule goes into the trace); score factors multiply. Not thread-safe: it lives
/// for one decision on one thread.
/// </summary>
public sealed class PolicyReview
{
    private readonly int[] _position;
    private readonly string?[] _vetoes;
    private readonly string?[] _messages;
    private readonly bool[] _errors;
    private readonly double[] _factors;
    private readonly string?[] _scalers;

    internal PolicyReview(DecisionPlan plan, CustomerRecord customer, DateTime at, Frame frame, IReadOnlyList<Candidate> candidates)
    {
        Plan = plan;
        Customer = customer;
        At = at;
        Tier = frame.Tier;
        Stage = frame.Stage;
        Segments = frame.Segments;
        Candidates = candidates;
        _position = new int[plan.Strategies.Count];
        Array.Fill(_position, -1);
        for (var i = 0; i < candidates.Count; i++)
        {
            _position[candidates[i].Strategy.Index] = i;
        }

        _vetoes = new string?[candidates.Count];
        _messages = new string?[candidates.Count];
        _errors = new bool[candidates.Count];
        _factors = new double[candidates.Count];
        Array.Fill(_factors, 1.0);
        _scalers = new string?[candidates.Count];
    }

    /// <summary>The version of the map being decided.</summary>
    public DecisionPlan Plan { get; }

    /// <summary>The customer being decided, as the map reads it.</summary>
    public CustomerRecord Customer { get; }

    /// <summary>The decision time (UTC).</summary>
    public DateTime At { get; }

    /// <summary>The customer's tier id, or null when no tier matched.</summary>
    public string? Tier { get; }

    /// <summary>The customer's lifecycle stage id, or null when no stage matched.</summary>
    public string? Stage { get; }

    /// <summary>The ids of the segments the customer is in, in map order.</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>Every candidate that passed the gates before this one, in file order, vetoed ones included.</summary>
    public IReadOnlyList<Candidate> Candidates { get; }

    /// <summary>
    /// Vetoes <paramref name="candidate"/>: its trace says <c>policy</c> with <paramref name="rule"/>.
    /// A second veto of the same candidate is ignored (the first rule stays).
    /// </summary>
    /// <exception cref="ArgumentException">The candidate is not one of <see cref="Candidates"/>, or the rule is empty.</exception>
    public void Veto(Candidate candidate, string rule) => Veto(candidate, rule, null, error: false);

    /// <summary>
    /// Vetoes <paramref name="candidate"/> with the rule's own words for the business reason (a
    /// rule engine's error message, "customer must be 18 or older"): the trace entry carries them
    /// as <c>message</c>. A second veto of the same candidate is ignored.
    /// </summary>
    public void Veto(Candidate candidate, string rule, string? message) => Veto(candidate, rule, message, error: false);

    /// <summary>
    /// Vetoes <paramref name="candidate"/> because <paramref name="rule"/> could not be evaluated
    /// (it threw): the policy failed closed, which is not a business verdict. The trace entry
    /// says <c>policy</c> with the rule and carries <paramref name="error"/> as <c>error</c>.
    /// A second veto of the same candidate is ignored.
    /// </summary>
    public void VetoForError(Candidate candidate, string rule, string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        Veto(candidate, rule, error, error: true);
    }

    /// <summary>
    /// Multiplies the candidate's score by <paramref name="factor"/> before arbitration (0.5 halves it,
    /// 2 doubles it). Factors of several rules multiply.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The factor is negative, infinite or NaN.</exception>
    public void ScaleScore(Candidate candidate, double factor, string rule)
    {
        var i = PositionOf(candidate);
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        if (!double.IsFinite(factor) || factor < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "a score factor is a finite number >= 0");
        }

        _factors[i] *= factor;
        _scalers[i] = _scalers[i] is null ? rule : _scalers[i] + ", " + rule;
    }

    /// <summary>The rule that vetoed the candidate, or null while none has.</summary>
    public string? VetoOf(Candidate candidate) => _vetoes[PositionOf(candidate)];

    /// <summary>The candidate's score with every factor so far applied.</summary>
    public double ScoreOf(Candidate candidate) => candidate.Score * _factors[PositionOf(candidate)];

    internal string? Vetoed(int position) => _vetoes[position];

    /// <summary>The vetoing rule's message (or error, when <see cref="VetoWasError"/>), or null.</summary>
    internal string? VetoMessage(int position) => _messages[position];

    internal bool VetoWasError(int position) => _errors[position];

    internal double Factor(int position) => _factors[position];

    internal string? Scalers(int position) => _scalers[position];

    private void Veto(Candidate candidate, string rule, string? message, bool error)
    {
        var i = PositionOf(candidate);
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        if (_vetoes[i] is null)
        {
            _vetoes[i] = rule;
            _messages[i] = string.IsNullOrWhiteSpace(message) ? null : message;
            _errors[i] = error;
        }
    }

    private int PositionOf(Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var index = candidate.Strategy.Index;
        var position = index >= 0 && index < _position.Length ? _position[index] : -1;
        if (position < 0 || !ReferenceEquals(Candidates[position], candidate))
        {
            throw new ArgumentException("the candidate is not one of this review's candidates", nameof(candidate));
        }

        return position;
    }
}
