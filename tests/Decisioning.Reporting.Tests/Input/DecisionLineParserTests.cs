using System.Text;
using Decisioning.Reporting.Input;
using Decisioning.Reporting.Model;
using Decisioning.Reporting.Tests.Support;

namespace Decisioning.Reporting.Tests.Input;

public class DecisionLineParserTests
{
    private static DecisionLine Parse(string line) => DecisionLineParser.Parse(Encoding.UTF8.GetBytes(line));

    [Fact]
    public void Parse_SpecSectionFourExample_ReadsGroupControlAndFirstAction()
    {
        var line = Parse(DecisionLines.Decision("C001", DecisionLines.Day0, "model", "retiree-pension", "pension-fund"));

        Assert.Equal(DecisionLineKind.Decision, line.Kind);
        Assert.Equal("C001", line.CustomerId);
        Assert.Equal(DecisionLines.Day0, line.At);
        Assert.Equal(new ExperimentTag("nba-2026q4", Group.Model, 0.1), line.Experiment);
        Assert.Equal(new ActionArm("retiree-pension", "pension-fund"), line.Arm);
    }

    [Fact]
    public void Parse_ControlGroup_TakesTheFirstCounterfactualAsItsArm()
    {
        var line = Parse(DecisionLines.Decision("C002", DecisionLines.Day0, "control", "retiree-pension", "pension-fund"));

        Assert.Null(line.FirstAction);
        Assert.Equal(new ActionArm("retiree-pension", "pension-fund"), line.Arm);
    }

    [Fact]
    public void Parse_SeveralActions_TakesRankOne()
    {
        var line = Parse("""{"customerId":"C1","at":"2026-11-23T00:00:00Z","experiment":{"id":"e","group":"model","control":0.1},"actions":[{"strategy":"a","product":"p"},{"strategy":"b","product":"q"}]}""");

        Assert.Equal(new ActionArm("a", "p"), line.Arm);
    }

    [Fact]
    public void Parse_NoExperiment_IsADecisionWithoutOne()
    {
        var line = Parse(DecisionLines.Decision("C3", DecisionLines.Day0, group: null, "s"));

        Assert.Equal(DecisionLineKind.Decision, line.Kind);
        Assert.Null(line.Experiment);
    }

    [Theory]
    [InlineData("""{"customerId": "C9", "error": {"code": "missing-field", "message": "age"}}""")]
    [InlineData("""{"customerId": null, "error": {"code": "invalid-json", "message": "x"}}""")]
    public void Parse_ErrorRecord_IsNeitherDecisionNorBad(string text)
    {
        Assert.Equal(DecisionLineKind.ErrorRecord, Parse(text).Kind);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"customerId": "C1", "at": "2026-11-23T00:00:00Z\""")]
    [InlineData("""{"customerId": "C1"}""")]
    [InlineData("""{"at": "2026-11-23T00:00:00Z"}""")]
    [InlineData("""{"customerId": 17, "at": "2026-11-23T00:00:00Z"}""")]
    [InlineData("""{"customerId": "C1", "at": "yesterday"}""")]
    [InlineData("""{"customerId": "C1", "at": "2026-11-23T00:00:00Z"} trailing""")]
    [InlineData("""{"customerId": "C1", "at": "2026-11-23T00:00:00Z", "experiment": {"id": "e", "group": "treatment"}}""")]
    [InlineData("""{"customerId": "C1", "at": "2026-11-23T00:00:00Z", "experiment": {"group": "model"}}""")]
    [InlineData("""{"customerId": "C1", "at": "2026-11-23T00:00:00Z", "experiment": {"id": "e", "group": "model", "control": 1.5}}""")]
    [InlineData("""{"customerId": "C1", "at": "2026-11-23T00:00:00Z", "experiment": "e"}""")]
    public void Parse_MalformedLine_IsBad(string text)
    {
        Assert.Equal(DecisionLineKind.Bad, Parse(text).Kind);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsBadNotAnException()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"customerId": "C?", "at": "2026-11-23T00:00:00Z"}""");
        bytes[17] = 0xFF;

        Assert.Equal(DecisionLineKind.Bad, DecisionLineParser.Parse(bytes).Kind);
    }

    [Fact]
    public void Parse_EmptyActionsAndNullCounterfactual_HaveNoArm()
    {
        var line = Parse("""{"customerId":"C1","at":"2026-11-23","experiment":{"id":"e","group":"control"},"actions":[],"counterfactual":null}""");

        Assert.Equal(DecisionLineKind.Decision, line.Kind);
        Assert.Null(line.Arm);
        Assert.Null(line.Experiment!.Control);
    }
}
