using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>
/// The scenario gate of spec section 3 (lifecycle stage, product holdings, a recent event whose
/// condition holds) for one scenario, with what it tests laid out once per plan: a lifecycle
/// scenario as a flag per stage of the plan (the decision knows its stage's index, so no stage
/// name is compared), a product scenario's lists as arrays (read without interface calls).
/// </summary>
internal sealed class ScenarioCheck
{
    private readonly bool[] _byStage;
    private readonly string[] _lacks, _holds;

    public ScenarioCheck(ScenarioPlan scenario, IReadOnlyList<NamedRule> stages)
    {
        _byStage = [.. stages.Select(stage => scenario.Stages.Contains(stage.Id, StringComparer.Ordinal))];
        _lacks = [.. scenario.Lacks];
        _holds = [.. scenario.Holds];
    }

    /// <summary>Whether <paramref name="scenario"/> (the one this check was made for) holds; <paramref name="stageIndex"/> is the customer's stage's index in the plan, -1 for none.</summary>
    public bool Holds(ScenarioPlan scenario, CustomerRecord customer, Frame frame, DateTime at, int stageIndex)
    {
        switch (scenario.Kind)
        {
            case ScenarioKind.Lifecycle:
                return stageIndex >= 0 && _byStage[stageIndex];
            case ScenarioKind.Product:
                foreach (var product in _lacks)
                {
                    if (customer.Holds(product))
                    {
                        return false;
                    }
                }

                foreach (var product in _holds)
                {
                    if (!customer.Holds(product))
                    {
                        return false;
                    }
                }

                return true;
            case ScenarioKind.Event:
                return MatchingEvent(scenario, customer, frame, at) is not null;
            default:
                return true;
        }
    }

    /// <summary>The first event of an event scenario's type in <c>[at - within, at]</c> whose <c>when</c> holds, or null.</summary>
    public static EventRecord? MatchingEvent(ScenarioPlan scenario, CustomerRecord customer, Frame frame, DateTime at)
    {
        foreach (var e in customer.Events)
        {
            if (e.Type != scenario.EventType || e.At > at || (scenario.Within is { } within && e.At < Window.Start(at, within)))
            {
                continue;
            }

            if (scenario.When is null)
            {
                return e;
            }

            frame.Event = e.Payload;
            var holds = scenario.When.Test(frame);
            frame.Event = null;
            if (holds)
            {
                return e;
            }
        }

        return null;
    }
}
