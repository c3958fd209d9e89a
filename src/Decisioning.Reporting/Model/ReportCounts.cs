namespace Decisioning.Reporting.Model;

/// <summary>
/// What was read (report.json <c>counts</c>). The first five are spec section 6; the rest
/// break them down. <see cref="Decisions"/> counts every decision line, with or without an
/// experiment; error records and bad lines are not decisions. <see cref="IgnoredOutcomes"/> is
/// the sum of the three reasons an outcome does not count.
/// </summary>
public sealed record ReportCounts(
    long Decisions,
    long Customers,
    long Outcomes,
    long IgnoredOutcomes,
    long BadLines,
    long ErrorRecords,
    long DecisionsWithoutExperiment,
    long DecisionsOfOtherExperiments,
    long BadDecisionLines,
    long BadOutcomeLines,
    long OutcomesOfUnknownCustomers,
    long OutcomesBeforeDecision,
    long OutcomesAfterWindow);
