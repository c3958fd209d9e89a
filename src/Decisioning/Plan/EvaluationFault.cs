namespace Decisioning.Plan;

/// <summary>
/// A step of a decision that failed, described for the error record: which expression (its text
/// and place in the map) or which script, and why. Caught by the evaluator, which adds the strategy.
/// </summary>
internal sealed class EvaluationFault(string message, Exception? inner = null, bool ofDecision = false) : Exception(message, inner)
{
    /// <summary>The step belongs to the whole decision (a policy reviewing every candidate), not to one strategy.</summary>
    public bool OfDecision { get; } = ofDecision;

    /// <summary>The one-line reason of an exception, without a stack trace.</summary>
    public static string Reason(Exception e) => e is EvaluationFault ? e.Message : $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
}
