namespace Decisioning.Reporting.Tests.Support;

internal sealed record SyntheticOutcome(DateTimeOffset At, string? Product, string Kind, double Value);

internal sealed record SyntheticCustomer(
    string Id, string Group, DateTimeOffset At, string? Strategy, string? Product, IReadOnlyList<SyntheticOutcome> Outcomes);

/// <summary>
/// A random experiment, built in memory so that an oracle can compute the expected report from
/// the same customers without reading any line: one decision per customer, outcomes inside and
/// outside the window, for the customer's product and for others.
/// </summary>
internal static class SyntheticExperiment
{
    private static readonly (string Strategy, string Product)[] Arms =
        [("card-activation", "credit-card"), ("retiree-pension", "pension-fund"), ("wealth-upgrade", "wealth-plan")];

    public static List<SyntheticCustomer> Make(int customers, int seed, double control = 0.3)
    {
        var random = new Random(seed);
        var list = new List<SyntheticCustomer>();
        for (var i = 0; i < customers; i++)
        {
            var group = random.NextDouble() < control ? "control" : "model";
            var arm = random.NextDouble() < 0.1 ? ((string, string)?)null : Arms[random.Next(Arms.Length)];
            var at = DecisionLines.Day0.AddMinutes(random.Next(0, 60 * 24 * 20));
            var boost = group == "model" ? 1.4 : 1.0;
            var outcomes = new List<SyntheticOutcome>();
            var count = random.NextDouble() < 0.3 * boost ? random.Next(1, 4) : 0;
            for (var k = 0; k < count; k++)
            {
                var product = random.NextDouble() < 0.8 ? arm?.Item2 : "savings";
                var offsetHours = random.Next(-48, 24 * 35);
                var kind = random.NextDouble() < 0.6 ? "converted" : "responded";
                outcomes.Add(new SyntheticOutcome(at.AddHours(offsetHours), product, kind, Math.Round(random.NextDouble() * 500, 2)));
            }

            list.Add(new SyntheticCustomer($"C{i:D5}", group, at, arm?.Item1, arm?.Item2, outcomes));
        }

        return list;
    }

    public static IEnumerable<string> DecisionLinesOf(IEnumerable<SyntheticCustomer> customers, double control) =>
        customers.Select(c => DecisionLines.Decision(c.Id, c.At, c.Group, c.Strategy, c.Product, control));

    /// <summary>Outcome lines in reverse order, so that no order between the files is assumed.</summary>
    public static IEnumerable<string> OutcomeLinesOf(IEnumerable<SyntheticCustomer> customers) =>
        customers.SelectMany(c => c.Outcomes.Select(o => DecisionLines.Outcome(c.Id, o.At, o.Product, o.Kind, o.Value))).Reverse();
}
