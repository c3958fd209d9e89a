using Decisioning.Plan;

namespace Decisioning.Evaluation;

/// <summary>Marks a trace entry with the adaptive model behind its strategy's propensity, and its evidence.</summary>
internal static class AdaptiveTrace
{
    public static TraceEntry WithModel(this TraceEntry entry, StrategyPlan strategy) =>
        strategy.Propensity is AdaptivePropensity adaptive
            ? entry with { Model = adaptive.Model.ModelId, Evidence = adaptive.Evidence, State = adaptive.Model.StateVersion }
            : entry;
}
