using Decisioning.Reporting.Rendering.Html;
using Decisioning.Reporting.Tests.Support;
using static Decisioning.Reporting.Tests.Support.DecisionLines;

namespace Decisioning.Reporting.Tests.Rendering;

public class HeadlineTests
{
    private static Headline For(int modelConverters, int controlConverters, int perGroup = 1000)
    {
        var decisions = Enumerable.Range(0, perGroup).SelectMany(i => new[]
        {
            Decision($"M{i}", Day0, "model", "s", "p", control: 0.5),
            Decision($"K{i}", Day0, "control", "s", "p", control: 0.5),
        });
        var outcomes = Enumerable.Range(0, modelConverters).Select(i => Outcome($"M{i}", Day0.AddDays(1), "p", value: 10))
            .Concat(Enumerable.Range(0, controlConverters).Select(i => Outcome($"K{i}", Day0.AddDays(1), "p", value: 10)));
        return Headline.For(Evaluate.Lines(decisions, outcomes));
    }

    [Fact]
    public void For_ClearlyHigherModelConversion_SaysTheMapBeatTheControl()
    {
        var headline = For(120, 60);

        Assert.Equal(Verdict.ModelBetter, headline.Verdict);
        Assert.Equal("The strategy map beat the control group.", headline.Title);
        Assert.Contains("converted at 12.00% against 6.00%", headline.Detail);
        Assert.Contains("+6.00 pp", headline.Detail);
        Assert.Contains("statistically significant", headline.Detail);
        Assert.Contains("About 60 extra conversions", headline.Detail);
    }

    [Fact]
    public void For_ClearlyLowerModelConversion_SaysTheControlDidBetter()
    {
        Assert.Equal(Verdict.ControlBetter, For(60, 120).Verdict);
    }

    [Fact]
    public void For_SmallDifference_SaysNoProvenDifference()
    {
        var headline = For(61, 60);

        Assert.Equal(Verdict.NoProvenDifference, headline.Verdict);
        Assert.Contains("could well be chance", headline.Detail);
        Assert.Equal("结论：模型组与非模型组无显著差异。", headline.Chinese);
    }
}
