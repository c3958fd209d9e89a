using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Svg;

namespace Decisioning.Reporting.Rendering.Html;

/// <summary>The model and control groups side by side: a table and a bar chart.</summary>
internal static class GroupsSection
{
    public static string Render(Comparison overall)
    {
        var m = overall.Model;
        var c = overall.Control;
        var value = overall.Value;
        var rows = string.Concat(
            Html.Row("customers 客户数", Format.Count(m.Customers), Format.Count(c.Customers), string.Empty),
            Html.Row("converters 转化客户", Format.Count(m.Converters), Format.Count(c.Converters),
                Format.SignedNumber(overall.Conversion.Incremental) + " incremental"),
            Html.Row("conversion rate 转化率", Format.Percent(m.ConversionRate), Format.Percent(c.ConversionRate),
                $"{Format.Points(overall.Conversion.Absolute.Estimate)}, {Format.PValue(overall.Conversion.PValue)}"),
            Html.Row("responders 响应客户", Format.Count(m.Responders), Format.Count(c.Responders), string.Empty),
            Html.Row("response rate 响应率", Format.Percent(m.ResponseRate), Format.Percent(c.ResponseRate), string.Empty),
            Html.Row("value per customer 人均价值", Format.Number(m.ValuePerCustomer), Format.Number(c.ValuePerCustomer),
                $"{Format.SignedNumber(value.Absolute.Estimate, 2)} (95% CI {Format.SignedNumber(value.Absolute.Low, 2)} to "
                + $"{Format.SignedNumber(value.Absolute.High, 2)}), {Format.PValue(value.PValue)}"),
            Html.Row("incremental value 增量价值", string.Empty, string.Empty, Format.SignedNumber(value.Incremental, 2)));
        return $"""
            <section id="groups"><h2>Groups side by side<span class="zh" lang="zh-CN">模型组 vs 非模型组</span></h2>
            <div class="cols"><div class="scroll"><table>
            {Html.Head(string.Empty, Swatch(Palette.Model) + "model 模型组", Swatch(Palette.Control) + "control 非模型组", "difference")}
            <tbody>{rows}</tbody></table></div>
            {GroupBarsChart.Render(overall)}</div>
            <p class="note">A customer is in the group of their earliest decision that carried the experiment;
            only outcomes within the window after that decision count.</p>
            </section>
            """;
    }

    private static string Swatch(string colour) => $"<span class=\"swatch\" style=\"background:{colour}\"></span>";
}
