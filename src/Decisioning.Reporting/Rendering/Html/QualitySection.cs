using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Rendering.Html;

/// <summary>What was read, and what was ignored or bad, so nothing is dropped silently.</summary>
internal static class QualitySection
{
    public static string Render(ReportCounts counts)
    {
        var rows = string.Concat(
            Html.Row("decision lines 决策记录", Format.Count(counts.Decisions)),
            Html.Row("— without an experiment (ignored)", Format.Count(counts.DecisionsWithoutExperiment)),
            Html.Row("— of another experiment (ignored)", Format.Count(counts.DecisionsOfOtherExperiments)),
            Html.Row("error records (invalid snapshots)", Format.Count(counts.ErrorRecords)),
            Html.Row("customers in the experiment", Format.Count(counts.Customers)),
            Html.Row("outcome lines 结果记录", Format.Count(counts.Outcomes)),
            Html.Row("ignored outcomes", Format.Count(counts.IgnoredOutcomes)),
            Html.Row("— of customers not in the experiment", Format.Count(counts.OutcomesOfUnknownCustomers)),
            Html.Row("— before the customer's decision", Format.Count(counts.OutcomesBeforeDecision)),
            Html.Row("— after the window", Format.Count(counts.OutcomesAfterWindow)),
            Html.Row("bad lines (skipped)", Format.Count(counts.BadLines)),
            Html.Row("— in the decisions file", Format.Count(counts.BadDecisionLines)),
            Html.Row("— in the outcomes file", Format.Count(counts.BadOutcomeLines)));
        return $"""
            <section id="quality"><h2>Data read<span class="zh" lang="zh-CN">数据质量</span></h2>
            <table id="counts"><tbody>{rows}</tbody></table>
            </section>
            """;
    }
}
