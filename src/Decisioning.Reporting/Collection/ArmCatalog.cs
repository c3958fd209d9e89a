using Decisioning.Reporting.Input;

namespace Decisioning.Reporting.Collection;

/// <summary>
/// Interns the (strategy, product) pairs of first actions, so that a customer record holds an
/// index instead of two strings.
/// </summary>
internal sealed class ArmCatalog
{
    private readonly Dictionary<ActionArm, int> indexes = [];
    private readonly List<ActionArm> arms = [];

    public IReadOnlyList<ActionArm> Arms => arms;

    /// <summary>The arm's index, or -1 for no arm.</summary>
    public int Intern(ActionArm? arm)
    {
        if (arm is null)
        {
            return -1;
        }

        if (!indexes.TryGetValue(arm, out var index))
        {
            index = arms.Count;
            arms.Add(arm);
            indexes.Add(arm, index);
        }

        return index;
    }
}
