using System.Text.Json;
using Decisioning.Reporting.Rendering.Json;
using Decisioning.Reporting.Tests.Support;
using static Decisioning.Reporting.Tests.Support.DecisionLines;

namespace Decisioning.Reporting.Tests.Rendering;

/// <summary>report.json carries spec section 6's field names, in its order, with our additions after.</summary>
public class ReportJsonShapeTests
{
    private static readonly JsonElement Root = JsonDocument.Parse(ReportJsonWriter.ToJson(Evaluate.Lines(
        [Decision("A", Day0, "model", "s", "p"), Decision("B", Day0, "control", "s", "p"), Decision("C", Day0, "control", "s", "p")],
        [Outcome("A", Day0.AddDays(1), "p", value: 5), Outcome("B", Day0.AddDays(1), "p", value: 7)]))).RootElement;

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void Write_TopLevel_HasTheSpecFieldsThenAdditions()
    {
        Assert.Equal(["experiment", "window", "period", "counts", "srm", "overall", "strategies", "cumulative"], Names(Root));
        Assert.Equal("nba-2026q4", Root.GetProperty("experiment").GetString());
        Assert.Equal("30d", Root.GetProperty("window").GetString());
        Assert.Equal("2026-11-23T00:00:00Z", Root.GetProperty("period").GetProperty("from").GetString());
    }

    [Fact]
    public void Write_Counts_StartWithTheSpecFive()
    {
        Assert.Equal(["decisions", "customers", "outcomes", "ignoredOutcomes", "badLines"], Names(Root.GetProperty("counts")).Take(5));
    }

    [Fact]
    public void Write_Srm_HasTheSpecFields()
    {
        Assert.Equal(["expectedControlShare", "chiSquare", "pValue", "mismatch"], Names(Root.GetProperty("srm")).Take(4));
        Assert.Equal(0.1, Root.GetProperty("srm").GetProperty("expectedControlShare").GetDouble());
    }

    [Fact]
    public void Write_Comparison_HasTheSpecShape()
    {
        var overall = Root.GetProperty("overall");
        Assert.Equal(["groups", "conversion", "value"], Names(overall));
        Assert.Equal(["model", "control"], Names(overall.GetProperty("groups")));
        Assert.Equal(
            ["customers", "converters", "conversionRate", "valuePerCustomer", "valueVariance", "responders", "responseRate"],
            Names(overall.GetProperty("groups").GetProperty("model")));
        Assert.Equal(["absolute", "relative", "pValue", "incremental", "pValueAdjusted"], Names(overall.GetProperty("conversion")));
        Assert.Equal(["absolute", "df", "pValue", "incremental", "pValueAdjusted"], Names(overall.GetProperty("value")));
        Assert.Equal(["estimate", "low", "high"], Names(overall.GetProperty("conversion").GetProperty("absolute")));
    }

    [Fact]
    public void Write_Strategy_StartsWithItsIdThenTheComparison()
    {
        var strategy = Assert.Single(Root.GetProperty("strategies").EnumerateArray());

        Assert.Equal(["strategy", "groups", "conversion", "value"], Names(strategy));
        Assert.Equal("s", strategy.GetProperty("strategy").GetString());
    }

    [Fact]
    public void Write_QuantityThatCannotBeComputed_IsJsonNull()
    {
        // The model group has one customer: no sample variance, so no Welch interval.
        var value = Root.GetProperty("overall").GetProperty("value");

        Assert.Equal(JsonValueKind.Null, Root.GetProperty("overall").GetProperty("groups").GetProperty("model").GetProperty("valueVariance").ValueKind);
        Assert.Equal(JsonValueKind.Null, value.GetProperty("df").ValueKind);
        Assert.Equal(JsonValueKind.Null, value.GetProperty("absolute").GetProperty("low").ValueKind);
        Assert.Equal(JsonValueKind.Number, value.GetProperty("absolute").GetProperty("estimate").ValueKind);
    }
}
