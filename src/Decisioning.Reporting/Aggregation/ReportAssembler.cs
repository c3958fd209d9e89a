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
        var strategyIds = table.Arms.Arms.Select(a => a.Strategy).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToArray();
        var byStrategy = strategyIds.Select(_ => new ComparisonBuilder()).ToArray();
        var strategyOfArm = table.Arms.Arms
            .Select(a => Array.BinarySearch(strategyIds, a.Strategy, StringComparer.Ordinal)).ToArray();

        foreach (var record in table.Records)
        {
            overall[record.Group].Add(record.Has(OutcomeFlags.Converted), record.Has(OutcomeFlags.Responded), record.Value);
            curve.Add(record.Group, record.Has(OutcomeFlags.Converted) ? record.FirstConversionOffset : null);
            if (record.Arm >= 0)
            {
                byStrategy[strategyOfArm[record.Arm]][record.Group]
                    .Add(record.Has(OutcomeFlags.ArmConverted), record.Has(OutcomeFlags.ArmResponded), record.ArmValue);
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

    /// <summary>Strategies with at least one placed customer (an arm of a decision that did not place has none).</summary>
    private static List<StrategyComparison> Strategies(string[] ids, ComparisonBuilder[] builders) =>
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
