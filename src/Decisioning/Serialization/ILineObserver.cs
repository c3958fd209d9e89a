using Decisioning.Runtime;
using Decisioning.Evaluation;

namespace Decisioning.Serialization;

/// <summary>
/// An <see cref="IDecisionObserver"/> that keeps each decision's line: <see cref="LineDecider"/>
/// hands it the line it has just written, so that the decision is not written a second time
/// (its scripts rendered again) for the observer.
/// </summary>
internal interface ILineObserver : IDecisionObserver
{
    /// <summary>The decision in <paramref name="buffer"/> was written as <paramref name="line"/> (UTF-8, no newline); both are reused after the call.</summary>
    void Decided(CustomerRecord customer, DecisionBuffer buffer, ReadOnlySpan<byte> line);
}
