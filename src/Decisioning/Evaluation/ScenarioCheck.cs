using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>
/// The scenario gate of spec section 3 (lifecycle stage, product holdings, a recent event whose
/// condition holds), shared by <see cref="Gates"/> and the buffered path so they cannot drift.
/// </summary>
internal static class ScenarioCheck
{
    public static bool Holds(ScenarioPlan scenario, CustomerRecord customer, Frame frame, DateTime at)
    {
        switch (scenario.Kind)
        {
            case ScenarioKind.Lifecycle:
                return frame.Stage is { } stage && Contains(scenario.Stages, stage);
            case ScenarioKind.Product:
                for (var i = 0; i < scenario.Lacks.Count; i++)
                {
                    if (customer.Holds(scenario.Lacks[i]))
                    {
                        return false;
                    }
                }

                for (var i = 0; i < scenario.Holds.Count; i++)
                {
                    if (!customer.Holds(scenario.Holds[i]))
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

    private static bool Contains(IReadOnlyList<string> items, string value)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] == value)
            {
                return true;
            }
        }

        return false;
    }
}
