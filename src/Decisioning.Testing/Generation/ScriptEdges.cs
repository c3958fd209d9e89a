using Decisioning.Plan;

namespace Decisioning.Testing.Generation;

/// <summary>
/// The string lengths at which a script just fits its channel's <c>maxLength</c>: each script
/// rendered with every customer field empty gives the room left for the customer's own strings.
/// Strings of that length, one less and one more, make the <c>maxLength</c> check go both ways.
/// </summary>
internal static class ScriptEdges
{
    private static readonly Dictionary<string, object?> Empty = [];

    public static IReadOnlyList<int> Lengths(IEnumerable<DecisionPlan> plans)
    {
        var lengths = new SortedSet<int>();
        foreach (var strategy in plans.SelectMany(p => p.Strategies))
        {
            foreach (var choice in strategy.Channels)
            {
                if (choice.Script is not { } script || choice.Channel.MaxLength is not { } max)
                {
                    continue;
                }

                var room = max - script.Render(Empty, strategy.Product.ScriptValue, choice.Channel.ScriptValue, strategy.ScriptValue).Length;
                foreach (var length in (int[])[room - 1, room, room + 1])
                {
                    if (length >= 0)
                    {
                        lengths.Add(length);
                    }
                }
            }
        }

        return [.. lengths];
    }
}
