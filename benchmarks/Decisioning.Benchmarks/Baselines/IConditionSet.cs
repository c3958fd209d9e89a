namespace Decisioning.Benchmarks.Baselines;

/// <summary>Evaluates every rule of a group against an input, in the group's order.</summary>
public interface IConditionSet
{
    /// <summary>Writes each rule's outcome into <paramref name="results"/>.</summary>
    void Evaluate(string group, RuleInput input, bool[] results);
}
