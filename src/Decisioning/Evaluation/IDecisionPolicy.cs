using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>
/// A host's veto over a candidate action: the <c>policy</c> gate of spec section 3, run after every
/// other gate. Implementations must be thread-safe and side-effect free.
/// </summary>
public interface IDecisionPolicy
{
    /// <summary>False vetoes the candidate; its trace then says <c>policy</c>.</summary>
    bool Allows(CustomerRecord customer, Candidate candidate, DateTime at);
}
