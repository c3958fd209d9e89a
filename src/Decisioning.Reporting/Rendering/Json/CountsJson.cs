using System.Text.Json;
using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Rendering.Json;

internal static class CountsJson
{
    public static void Write(Utf8JsonWriter json, ReportCounts counts)
    {
        json.WriteStartObject("counts");
        json.WriteNumber("decisions", counts.Decisions);
        json.WriteNumber("customers", counts.Customers);
        json.WriteNumber("outcomes", counts.Outcomes);
        json.WriteNumber("ignoredOutcomes", counts.IgnoredOutcomes);
        json.WriteNumber("badLines", counts.BadLines);
        json.WriteNumber("errorRecords", counts.ErrorRecords);
        json.WriteNumber("decisionsWithoutExperiment", counts.DecisionsWithoutExperiment);
        json.WriteNumber("decisionsOfOtherExperiments", counts.DecisionsOfOtherExperiments);
        json.WriteNumber("badDecisionLines", counts.BadDecisionLines);
        json.WriteNumber("badOutcomeLines", counts.BadOutcomeLines);
        json.WriteNumber("outcomesOfUnknownCustomers", counts.OutcomesOfUnknownCustomers);
        json.WriteNumber("outcomesBeforeDecision", counts.OutcomesBeforeDecision);
        json.WriteNumber("outcomesAfterWindow", counts.OutcomesAfterWindow);
        json.WriteEndObject();
    }
}
