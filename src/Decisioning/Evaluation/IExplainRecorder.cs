using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>
/// Receives every step of one decision, for <c>explain</c>. The evaluator calls it only when one
/// is given, so decisions without it pay nothing.
/// </summary>
internal interface IExplainRecorder
{
    void Profile(Frame frame);

    void Gate(StrategyPlan strategy, string gate, bool passed, CompiledCondition? condition, Frame frame, string? detail = null);

    /// <summary>A channel tried by the channel gate; <paramref name="detail"/> says, for people, why it failed (a count against its cap, a length against its limit).</summary>
    void ChannelTried(StrategyPlan strategy, ChannelPlan channel, string? failure, string? script, string? detail = null);

    void Outcome(StrategyPlan strategy, string? reason, Candidate? candidate);
}
