namespace Decisioning.Board.Tests;

/// <summary>Decision and outcome lines as a host's engine writes them.</summary>
internal static class Lines
{
    public static string Decision(string customer, string at, string? strategy, string group = "model", string? noAction = null) =>
        "{\"customerId\":\"" + customer + "\",\"map\":\"retail-wealth\",\"version\":\"2026.11.1\",\"mapHash\":\"sha256:ab\",\"at\":\"" + at + "\""
        + ",\"experiment\":{\"id\":\"nba\",\"group\":\"" + group + "\",\"bucket\":0.5,\"control\":0.2}"
        + ",\"actions\":[" + (strategy is null || group == "control" ? string.Empty : Action(strategy)) + "]"
        + (group == "control" && strategy is not null ? ",\"counterfactual\":[" + Action(strategy) + "]" : string.Empty)
        + (noAction is null ? string.Empty : ",\"noAction\":\"" + noAction + "\"")
        + ",\"trace\":[{\"strategy\":\"retiree-pension\",\"outcome\":\"" + (strategy == "retiree-pension" ? "selected\"" : "rejected\",\"reason\":\"cooldown\"") + "}"
        + ",{\"strategy\":\"card-activation\",\"outcome\":\"" + (strategy == "card-activation" ? "selected\"" : "rejected\",\"reason\":\"not-targeted\"") + "}]}";

    private static string Action(string strategy) =>
        "{\"rank\":1,\"strategy\":\"" + strategy + "\",\"product\":\"" + strategy + "-product\",\"channel\":\"sms\",\"script\":null,\"score\":1,\"propensity\":0.1}";

    /// <summary>Ten decisions: six retiree-pension (one control), two card-activation, two with no action.</summary>
    public static void Fill(RecentDecisions recent)
    {
        foreach (var line in DecisionLines())
        {
            recent.Add(line);
        }

        foreach (var line in OutcomeLines())
        {
            recent.AddOutcome(line);
        }
    }

    /// <summary>The same ten decisions and their outcome, in an interaction history.</summary>
    public static void Fill(Decisioning.History.IInteractionHistory history)
    {
        Decisioning.Serialization.HistoryTransfer.Import(history, DecisionLines(), Decisioning.Serialization.HistoryFile.Decisions);
        Decisioning.Serialization.HistoryTransfer.Import(history, OutcomeLines(), Decisioning.Serialization.HistoryFile.Outcomes);
    }

    private static IEnumerable<string> DecisionLines()
    {
        for (var i = 0; i < 5; i++)
        {
            yield return Decision($"P{i}", "2026-11-23T08:00:00Z", "retiree-pension");
        }

        yield return Decision("K1", "2026-11-23T09:00:00Z", "retiree-pension", group: "control", noAction: "control");
        yield return Decision("C1", "2026-11-24T08:00:00Z", "card-activation");
        yield return Decision("C2", "2026-11-24T08:00:00Z", "card-activation");
        yield return Decision("N1", "2026-11-24T08:00:00Z", null, noAction: "cooldown");
        yield return Decision("N2", "2026-11-24T08:00:00Z", null, noAction: "cooldown");
    }

    private static IEnumerable<string> OutcomeLines() =>
        ["{\"customerId\":\"P0\",\"at\":\"2026-11-25T08:00:00Z\",\"product\":\"retiree-pension-product\",\"kind\":\"converted\",\"value\":120}"];
}
