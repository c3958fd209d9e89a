using Decisioning.Reporting.Rendering.Html;
using Decisioning.Reporting.Tests.Support;
using static Decisioning.Reporting.Tests.Support.DecisionLines;

namespace Decisioning.Reporting.Tests.Rendering;

public class HtmlReportWriterTests
{
    private static string Page(IEnumerable<string> decisions, IEnumerable<string> outcomes) =>
        HtmlReportWriter.Render(Evaluate.Lines(decisions, outcomes));

    private static IEnumerable<string> Balanced(int perGroup) =>
        Enumerable.Range(0, perGroup).SelectMany(i => new[]
        {
            Decision($"M{i}", Day0, "model", "retiree-pension", "pension-fund", control: 0.5),
            Decision($"K{i}", Day0, "control", "retiree-pension", "pension-fund", control: 0.5),
        });

    [Fact]
    public void Render_AnyReport_IsSelfContainedWithNoUrlOrScript()
    {
        var html = Page(Balanced(20), [Outcome("M1", Day0.AddDays(1), "pension-fund")]);

        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("//", html.Replace("<!DOCTYPE html>", string.Empty));
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain(" src=", html);
    }

    [Fact]
    public void Render_AnyReport_DeclaresUtf8AndACjkFontStack()
    {
        var html = Page(Balanced(2), []);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<meta charset=\"utf-8\">", html);
        Assert.Contains("\"Noto Sans CJK SC\"", html);
        Assert.Contains("策略后评估", html);
    }

    [Fact]
    public void Render_SampleRatioMismatch_ShowsTheRedBanner()
    {
        var decisions = Enumerable.Range(0, 300).Select(i => Decision($"M{i}", Day0, "model", "s", control: 0.5))
            .Concat(Enumerable.Range(0, 100).Select(i => Decision($"K{i}", Day0, "control", "s", control: 0.5)));

        var html = Page(decisions, []);

        Assert.Contains("id=\"srm-banner\"", html);
        Assert.Contains("Sample-ratio mismatch", html);
    }

    [Fact]
    public void Render_SplitAsConfigured_ShowsNoBanner()
    {
        Assert.DoesNotContain("srm-banner", Page(Balanced(50), []));
    }

    [Fact]
    public void Render_MarkupInAnId_IsEscaped()
    {
        var html = Page([Decision("A", Day0, "model", "<b>x</b>"), Decision("B", Day0, "control", "<b>x</b>")], []);

        Assert.DoesNotContain("<b>x</b>", html);
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html);
    }

    [Fact]
    public void Render_BadAndIgnoredLines_AreShownWithTheirCounts()
    {
        var html = Page([Decision("A", Day0, "model", "s"), "garbage"], [Outcome("ghost", Day0, "p"), "{"]);

        Assert.Contains("<th scope=\"row\">bad lines (skipped)</th><td>2</td>", html);
        Assert.Contains("<th scope=\"row\">— of customers not in the experiment</th><td>1</td>", html);
    }

    [Fact]
    public void Render_EveryChart_IsAnInlineSvgWithAName()
    {
        var html = Page(Balanced(5), []);

        Assert.Contains("<svg data-chart=\"groups\"", html);
        Assert.Contains("<svg data-chart=\"uplift\"", html);
        Assert.Contains("<svg data-chart=\"cumulative\"", html);
    }
}
