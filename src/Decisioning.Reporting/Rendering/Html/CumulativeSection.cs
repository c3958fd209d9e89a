using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Svg;

namespace Decisioning.Reporting.Rendering.Html;

internal static class CumulativeSection
{
    public static string Render(Report report) => $"""
        <section id="cumulative"><h2>Cumulative conversion by days since decision<span class="zh" lang="zh-CN">累计转化率</span></h2>
        {CumulativeChart.Render(report.Cumulative)}
        <p class="note">Share of each group's customers whose first counting conversion came within that many days of
        their decision. At the end of the {Html.Encode(report.Window)} window it equals the conversion rate.</p>
        </section>
        """;
}
