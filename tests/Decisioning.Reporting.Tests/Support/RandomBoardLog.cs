namespace Decisioning.Reporting.Tests.Support;

/// <summary>
/// A random decision log with everything the board reads: several decisions per customer over
/// weeks, model and control groups, waves, fallbacks, traces with every reason, noAction, shadow
/// choices, error records and bad lines; and responses of every kind, with and without a strategy.
/// </summary>
internal static class RandomBoardLog
{
    public static readonly (string Strategy, string Product)[] Strategies =
        [("retiree-pension", "pension-fund"), ("card-activation", "credit-card"), ("wealth-upgrade", "wealth-plan"), ("payroll-sms", "payroll-account")];

    public static readonly string[] Reasons =
        ["inactive", "not-targeted", "scenario", "condition", "ineligible", "already-held", "suppressed", "responded", "wave-pending", "cooldown", "no-channel", "arbitration"];

    private static readonly string[] Channels = ["rm-call", "app-push", "sms"];

    public static (List<string> Decisions, List<string> Outcomes) Make(int customers, int seed, bool shadow = true)
    {
        var random = new Random(seed);
        var decisions = new List<string>();
        var outcomes = new List<string>();
        for (var c = 0; c < customers; c++)
        {
            var id = $"C{c:D5}";
            var group = random.NextDouble() < 0.25 ? "control" : "model";
            var count = random.Next(1, 4);
            for (var k = 0; k < count; k++)
            {
                var at = DecisionLines.Day0.AddHours(random.Next(0, 24 * 40));
                var trace = Strategies.Select(s => new BoardTrace(s.Strategy, random.NextDouble() < 0.3 ? null : Reasons[random.Next(Reasons.Length)])).ToList();
                var chosen = trace.Where(t => t.Reason is null).Select(t => Strategies.First(s => s.Strategy == t.Strategy)).Take(2)
                    .Select(s => new BoardAction(s.Strategy, s.Product, Channels[random.Next(Channels.Length)],
                        random.NextDouble() < 0.3 ? random.Next(1, 4) : null, random.NextDouble() < 0.1)).ToList();
                var served = group == "control" ? [] : chosen;
                string? noAction = null;
                if (served.Count == 0)
                {
                    noAction = group == "control" && chosen.Count > 0 ? "control" : Furthest(trace);
                }

                var shadowActions = shadow && random.NextDouble() < 0.5
                    ? (random.NextDouble() < 0.7 ? served : chosen.Skip(1).ToList())
                    : null;
                decisions.Add(BoardLines.Decision(id, at, served, trace, group, group == "control" ? chosen : null, noAction, shadowActions));
                foreach (var action in served)
                {
                    if (random.NextDouble() < 0.5)
                    {
                        var kind = new[] { "responded", "declined", "converted" }[random.Next(3)];
                        var named = random.NextDouble() < 0.5 ? action.Strategy : null;
                        outcomes.Add(BoardLines.Response(id, at.AddHours(random.Next(-5, 24 * 35)), action.Product, kind, Math.Round(random.NextDouble() * 300, 2), named));
                    }
                }
            }

            if (random.NextDouble() < 0.1)
            {
                outcomes.Add(BoardLines.Response(id, DecisionLines.Day0.AddDays(random.Next(0, 40)), "savings", "converted", 10));
            }
        }

        decisions.Insert(decisions.Count / 2, """{"customerId": "C99999", "error": {"code": "missing-field", "message": "age is missing"}}""");
        decisions.Insert(decisions.Count / 3, "not json");
        decisions.Add("""{"customerId": "C1", "at": "yesterday"}""");
        outcomes.Add("""{"customerId": "C00001", "kind": "clicked", "at": "2026-11-24T00:00:00Z"}""");
        return (decisions, outcomes);
    }

    /// <summary>The reason of the strategy that got furthest (spec section 11), by the order of <see cref="Reasons"/>.</summary>
    private static string Furthest(List<BoardTrace> trace)
    {
        var rejected = trace.Where(t => t.Reason is not null).ToList();
        return rejected.Count == 0
            ? "no-strategies"
            : rejected.OrderByDescending(t => Array.IndexOf(Reasons, t.Reason)).First().Reason!;
    }
}
