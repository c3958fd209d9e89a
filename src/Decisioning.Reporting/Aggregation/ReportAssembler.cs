using Decisioning.Reporting.Collection;
using Decisioning.Reporting.Input;
using Decisioning.Reporting.Model;
using Decisioning.Reporting.Statistics;

namespace Decisioning.Reporting.Aggregation;

/// <summary>Turns the filled customer table into a <see cref="Report"/>, in one pass over it.</summary>
internal static class ReportAssembler
{
    public static Report Assemble(DecisionPass decisions, OutcomePass outcomes, AttributionWindow window)
    {
        var table = decisions.Table;
        var overall = new ComparisonBuilder();
        var curve = new CumulativeCurve(window.Length);
        var (strategyIds, strategyOfArm) = StrategyIndex(table.Arms);
        var byStrategy = strategyIds.Select(_ => new ComparisonBuilder()).ToArray();

        foreach (var record in table.Records)
        {
            AddOverall(overall, record);
            curve.Add(record.Group, record.Has(OutcomeFlags.Converted) ? record.FirstConversionOffset : null);
            if (record.Arm >= 0)
            {
                AddForArm(byStrategy[strategyOfArm[record.Arm]], record);
            }
        }

        var whole = overall.Build();
        return new Report(
            decisions.ExperimentId,
            window.Text,
            new DecisionPeriod(decisions.FirstDecisionAt, decisions.LastDecisionAt),
            Counts(decisions, outcomes),
            SampleRatioTest.Evaluate(whole.Model.Customers, whole.Control.Customers, decisions.ControlShare),
            Adjustment.AsFamilyOfOne(whole),
            Adjustment.AcrossStrategies(Strategies(strategyIds, byStrategy)),
            curve.Build());
    }

    /// <summary>The strategy ids of the arms in ordinal order, and each arm's index among them.</summary>
    public static (string[] Ids, int[] OfArm) StrategyIndex(ArmCatalog arms)
    {
        var ids = arms.Arms.Select(a => a.Strategy).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return (ids, arms.Arms.Select(a => Array.BinarySearch(ids, a.Strategy, StringComparer.Ordinal)).ToArray());
    }

    /// <summary>Counts a placed customer in an overall comparison: every counting outcome.</summary>
    public static void AddOverall(ComparisonBuilder builder, in CustomerRecord record) =>
        builder[record.Group].Add(record.Has(OutcomeFlags.Converted), record.Has(OutcomeFlags.Responded), record.Value);

    /// <summary>Counts a placed customer in their strategy's comparison: only outcomes for its product.</summary>
    public static void AddForArm(ComparisonBuilder builder, in CustomerRecord record) =>
        builder[record.Group].Add(record.Has(OutcomeFlags.ArmConverted), record.Has(OutcomeFlags.ArmResponded), record.ArmValue);

    /// <summary>Strategies with at least one placed customer (an arm of a decision that did not place has none).</summary>
    public static List<StrategyComparison> Strategies(string[] ids, ComparisonBuilder[] builders) =>
        ids.Zip(builders, (id, b) => new StrategyComparison(id, b.Build()))
            .Where(s => s.Comparison.Model.Customers + s.Comparison.Control.Customers > 0)
            .ToList();

    private static ReportCounts Counts(DecisionPass d, OutcomePass o) => new(
        d.Decisions,
        d.Table.Count,
        o.Outcomes,
        o.Ignored,
        d.BadLines + o.BadLines,
        d.ErrorRecords,
        d.WithoutExperiment,
        d.OtherExperiments,
        d.BadLines,
        o.BadLines,
        o.UnknownCustomers,
        o.BeforeDecision,
        o.AfterWindow);
}
