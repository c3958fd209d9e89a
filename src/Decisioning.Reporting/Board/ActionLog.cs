using System.Runtime.InteropServices;

namespace Decisioning.Reporting.Board;

/// <summary>One action a decision returned, as the board keeps it (24 bytes).</summary>
[StructLayout(LayoutKind.Auto)]
internal struct LoggedAction
{
    /// <summary>UTC ticks of the decision's <c>at</c>.</summary>
    public long Ticks;

    /// <summary>The customer's previous action in the log, or -1.</summary>
    public int Next;

    public int Strategy;

    public int Product;

    public short Channel;

    public byte Wave;

    public bool Fallback;
}

/// <summary>What the responses attributed to one action added up to.</summary>
internal struct ActionResponses
{
    public int Responded;
    public int Declined;
    public int Converted;
    public double Value;
}

/// <summary>
/// Every decision and every returned action, per customer, in flat arrays linked newest first:
/// about 40 bytes an action and 16 a decision, so a million decisions cost tens of megabytes and
/// no object each. Periods are counted from the earliest decision, which is known only at the
/// end, so the log is aggregated after the last line; it also lets a response find the action it
/// answers. Not thread-safe.
/// </summary>
internal sealed class ActionLog
{
    private readonly Dictionary<string, (int LastAction, int LastDecision)> customers = new(StringComparer.Ordinal);
    private LoggedAction[] actions = new LoggedAction[1024];
    private (long Ticks, int Next)[] decisions = new (long, int)[1024];
    private ActionResponses[] responses = [];

    public int ActionCount { get; private set; }

    public int DecisionCount { get; private set; }

    public int CustomerCount => customers.Count;

    public ReadOnlySpan<LoggedAction> Actions => actions.AsSpan(0, ActionCount);

    public ReadOnlySpan<ActionResponses> Responses => responses.AsSpan(0, Math.Min(responses.Length, ActionCount));

    /// <summary>Adds a decision of the customer; returns the customer's key for <see cref="AddAction"/>.</summary>
    public string AddDecision(string customerId, long ticks)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(customers, customerId, out var exists);
        if (!exists)
        {
            slot = (-1, -1);
        }

        if (DecisionCount == decisions.Length)
        {
            Array.Resize(ref decisions, decisions.Length * 2);
        }

        decisions[DecisionCount] = (ticks, slot.LastDecision);
        slot.LastDecision = DecisionCount++;
        return customerId;
    }

    public void AddAction(string customerId, LoggedAction action)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrNullRef(customers, customerId);
        if (ActionCount == actions.Length)
        {
            Array.Resize(ref actions, actions.Length * 2);
        }

        action.Next = slot.LastAction;
        actions[ActionCount] = action;
        slot.LastAction = ActionCount++;
    }

    /// <summary>Called once all decisions are in: responses are counted per action from here on.</summary>
    public void CloseDecisions() => responses = new ActionResponses[ActionCount];

    public ref ActionResponses ResponsesOf(int action) => ref responses[action];

    /// <summary>The index of the customer's newest action, or -1 (also for an unknown customer).</summary>
    public int LastActionOf(string customerId) =>
        customers.TryGetValue(customerId, out var slot) ? slot.LastAction : -1;

    public ref readonly LoggedAction Action(int index) => ref actions[index];

    /// <summary>Each customer's first action and first decision index (newest first chains).</summary>
    public IEnumerable<(int LastAction, int LastDecision)> Customers => customers.Values;

    public (long Ticks, int Next) Decision(int index) => decisions[index];
}
