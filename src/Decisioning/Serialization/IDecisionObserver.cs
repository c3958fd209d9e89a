using Decisioning.Plan;
using Decisioning.Runtime;
using Decisioning.Evaluation;

namespace Decisioning.Serialization;

/// <summary>
/// Sees each customer of a <see cref="LineDecider"/> before and after its decision: the seam an
/// interaction history uses to add the customer's past records and to store the decision.
/// Called on the deciding threads, concurrently: implementations are thread-safe.
/// </summary>
public interface IDecisionObserver
{
    /// <summary>The customer to decide: <paramref name="customer"/>, or a copy with more records.</summary>
    CustomerRecord Prepare(CustomerRecord customer, DecisionPlan plan, DateTime at);

    /// <summary>The decision was made into <paramref name="buffer"/>; read it now, it is reused after the call.</summary>
    void Decided(CustomerRecord customer, DecisionBuffer buffer);
}
