using Decisioning.Reporting.Rendering.Board;
using Decisioning.Reporting.Tests.Support;

namespace Decisioning.Reporting.Tests.Board;

/// <summary>dashboard.html is one self-contained page, in the language asked for, with input text escaped.</summary>
public class DashboardHtmlTests
{
    private static string Page(BoardLanguage language, string strategy = "retiree-pension")
    {
        string[] decisions =
        [
            BoardLines.Decision("A", DecisionLines.Day0, [new(strategy, "pension-fund", "rm-call", 2)], [new(strategy), new("card-activation", "not-targeted")], group: "model"),
            BoardLines.Decision("B", DecisionLines.Day0, [], [new(strategy, "cooldown")], group: "control", counterfactual: [new(strategy, "pension-fund", "rm-call")], noAction: "control"),
        ];
        return DashboardHtmlWriter.Render(BoardRun.Build(decisions, [BoardLines.Response("A", DecisionLines.Day0.AddDays(1), "pension-fund", "converted", 12)]), language);
    }

    [Theory]
    [InlineData(BoardLanguage.English)]
    [InlineData(BoardLanguage.Chinese)]
    public void Render_AnyLanguage_NamesNoUrlAndLoadsNothing(BoardLanguage language)
    {
        var html = Page(language);

        Assert.DoesNotContain("http:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.Contains("<script>", html, StringComparison.Ordinal);
        Assert.Contains("WenQuanYi Micro Hei", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Chinese_LabelsInChineseWithReasonCodesBeside()
    {
        var html = Page(BoardLanguage.Chinese);

        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("策略管理看板", html, StringComparison.Ordinal);
        Assert.Contains("决策漏斗", html, StringComparison.Ordinal);
        Assert.Contains("冷却期 cooldown", html, StringComparison.Ordinal);
        Assert.Contains("对照组 control", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_English_HasNoChineseLabels()
    {
        var html = Page(BoardLanguage.English);

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Decision funnel", html, StringComparison.Ordinal);
        Assert.DoesNotContain("决策漏斗", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StrategyIdWithMarkup_IsEscapedEverywhere()
    {
        var html = Page(BoardLanguage.English, "x<img onerror=alert(1)>");

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("x&lt;img onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh", BoardLanguage.Chinese)]
    [InlineData("EN", BoardLanguage.English)]
    public void Languages_TryParse_ReadsBothCodes(string text, BoardLanguage expected)
    {
        Assert.True(BoardLanguages.TryParse(text, out var language));
        Assert.Equal(expected, language);
    }

    [Fact]
    public void Languages_TryParse_RefusesOthers() => Assert.False(BoardLanguages.TryParse("fr", out _));
}
