namespace Decisioning.Evaluation;

/// <summary>
/// A host's say over the candidate actions of one decision: the <c>policy</c> gate of spec section 3,
/// run after every other gate. A policy vetoes candidates (their trace then says <c>policy</c>, with
/// the vetoing rule's name) or scales their score before arbitration.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe (one instance reviews many decisions at once) and
/// deterministic: the same snapshot and time must get the same verdicts (spec section 3, step 6).
/// Plain predicates can be wrapped with <see cref="DecisionPolicy.Veto"/>.
/// </remarks>
public interface IDecisionPolicy
{
    /// <summary>
    /// Reviews the candidates of one decision, calling <see cref="PolicyReview.Veto(Candidate, string)"/> or
    /// <see cref="PolicyReview.ScaleScore"/> for those it has a verdict on. Called once per decision
    /// that has at least one candidate, on the deciding thread.
    /// </summary>
    void Review(PolicyReview review);
}
