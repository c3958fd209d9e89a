using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Rendering.Html;

/// <summary>The title, the experiment and its window, the SRM banner and the headline.</summary>
internal static class HeaderSection
{
    public static string Render(Report report)
    {
        var experiment = report.Experiment is null ? "(none: no decision carried an experiment)" : Html.Encode(report.Experiment);
        return $"""
            <header>
            <h1>Post-evaluation<span class="zh" lang="zh-CN">策略后评估 · 经营回检</span></h1>
            <p class="meta">Experiment <b>{experiment}</b> · outcomes count within <b>{Html.Encode(report.Window)}</b> of each
            customer's decision · decisions from {Format.Date(report.Period.From)} to {Format.Date(report.Period.To)}</p>
            </header>
            {SrmBanner(report.Srm)}{HeadlineSection(report)}
            """;
    }

    private static string SrmBanner(SampleRatio srm)
    {
        if (!srm.Mismatch)
        {
            return string.Empty;
        }

        return $"""
            <section class="banner" role="alert" id="srm-banner"><strong>Sample-ratio mismatch
            <span lang="zh-CN">样本比例失衡</span></strong>
            <p>The control group should hold {Format.Percent(srm.ExpectedControlShare, 1)} of customers but holds
            {Format.Percent(srm.ObservedControlShare, 2)} (χ² = {Format.Number(srm.ChiSquare)}, {Format.PValue(srm.PValue)}).
            The split between the groups is broken, so the comparisons below are not reliable until its cause is found
            (a bug in assignment, customers lost from one group's log, a changed control share).</p></section>

            """;
    }

    private static string HeadlineSection(Report report)
    {
        var headline = Headline.For(report);
        var css = headline.Verdict switch
        {
            Verdict.ModelBetter => "better",
            Verdict.ControlBetter => "worse",
            _ => "neutral",
        };
        return $"""
            <section class="headline {css}" id="headline" data-verdict="{headline.Verdict}">
            <p class="verdict">{Html.Encode(headline.Title)}</p>
            <p class="zh" lang="zh-CN">{Html.Encode(headline.Chinese)}</p>
            <p>{Html.Encode(headline.Detail)}</p>
            </section>
            """;
    }
}
